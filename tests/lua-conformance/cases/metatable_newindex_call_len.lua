local log = {}
local t = setmetatable({}, {__newindex = function(t, k, v) log[#log + 1] = k; rawset(t, k, v) end})
t.a = 1; t.a = 2; t.b = 3
print(table.concat(log, ","), t.a)
local callable = setmetatable({}, {__call = function(self, x, y) return x + y end})
print(callable(2, 3))
local ud = newproxy(true)
getmetatable(ud).__len = function() return 42 end
print(#ud, #setmetatable({}, {__len = function() return 7 end}))
