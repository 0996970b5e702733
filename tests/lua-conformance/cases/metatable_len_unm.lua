local t = setmetatable({1, 2, 3}, {__len = function() return 100 end, __unm = function() return "neg" end})
print(#t, -t)
local u = newproxy(true)
getmetatable(u).__len = function() return 7 end
getmetatable(u).__index = function(_, k) return k .. "?" end
print(#u, u.key)
print(pcall(function() return #newproxy() end))
