local t = setmetatable({}, {__index = function(t, k) error("no field " .. k) end})
print(pcall(function() return t.abc end))
local u = setmetatable({}, {__add = function() error("bad add", 0) end})
print(pcall(function() return u + 1 end))
