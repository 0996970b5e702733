-- traceback with message, level, non-string message, and from nested functions
local function lvl3() return debug.traceback("at lvl3") end
local function lvl2() return lvl3() end
local function lvl1() return lvl2() end
print(lvl1())
print(debug.traceback("level 2", 2))
print(debug.traceback("level 0", 0))
print(debug.traceback())
print(debug.traceback(nil))
print(type(debug.traceback({})))
print(debug.traceback(12))
print(debug.traceback("", 50))
local function deep(n) if n == 0 then return debug.traceback("deep") end return (deep(n - 1)) end
print(deep(30))
