local t = setmetatable({}, {__tostring = function() return "custom" end})
print(t, tostring(t))
print(pcall(tostring, setmetatable({}, {__tostring = function() return 1 end})))
local u = newproxy(true)
getmetatable(u).__tostring = function() return "proxy!" end
getmetatable(u).__len = function() return 42 end
print(u, #u, type(u))
