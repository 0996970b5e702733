local A = {a = 1}
local B = setmetatable({b = 2}, {__index = A})
local C = setmetatable({c = 3}, {__index = B})
print(C.a, C.b, C.c, C.d)
local loop = setmetatable({}, {})
getmetatable(loop).__index = loop
print(pcall(function() return loop.x end))
local calls = 0
local lazy = setmetatable({}, {__index = function(t, k) calls = calls + 1; local v = k * 2; rawset(t, k, v); return v end})
print(lazy[5], lazy[5], calls)
