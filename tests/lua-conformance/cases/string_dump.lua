local function add(a, b) local t = {a, b, "s", 1.5, true}; return a + b, #t end
local s = string.dump(add)
print(type(s), s:sub(1, 4) == "\27Lua")
local f = loadstring(s)
print(f(2, 3))
print(pcall(string.dump, print))
print(loadstring(s:sub(1, 20)))
print(loadstring("\27Lua garbage"))
local up = 5
local g = loadstring(string.dump(function() return up end))
print(pcall(g))
