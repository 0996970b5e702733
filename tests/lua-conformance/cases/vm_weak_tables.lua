-- weak tables and __gc on newproxy userdata, after collectgarbage("collect")
local a = setmetatable({}, {__mode = 'v'})
local b = setmetatable({}, {__mode = 'k'})
local keep = {}
a[1] = {}; a[2] = keep; a.x = {}; a.s = "strings are values"
b[{}] = 1; b[keep] = 2; b["str"] = 3
collectgarbage()
local n = 0 for k, v in pairs(a) do n = n + 1 end print("weak values left", n)
n = 0 for k, v in pairs(b) do n = n + 1 end print("weak keys left", n)
print(a[2] == keep, a.s, b[keep], b.str)
local u = newproxy(true)
getmetatable(u).__gc = function() print("gc u") end
u = nil
collectgarbage()
print("after collect")
local v = newproxy(true)
getmetatable(v).__gc = function() print("gc v at close") end
print(collectgarbage("step", 100000))
print(collectgarbage("setpause", 100), collectgarbage("setpause", 200))
print(type(collectgarbage("count")), type(gcinfo()))
