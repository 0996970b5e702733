local function lvl0() error("plain", 0) end
local function lvl1() error("one") end
local function lvl2() error("two", 2) end
local function caller() lvl2() end
print(pcall(lvl0))
print(pcall(lvl1))
print(pcall(caller))
print(pcall(error))
print(pcall(error, nil))
local t = {}
local ok, e = pcall(error, t)
print(ok, e == t)
print(pcall(error, 42))
print(select('#', pcall(error)))
