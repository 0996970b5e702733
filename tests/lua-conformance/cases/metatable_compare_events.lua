local mt = {__eq = function() return true end, __lt = function() return true end, __le = function() return false end}
local a, b = setmetatable({}, mt), setmetatable({}, mt)
print(a == b, a ~= b, a < b, a <= b, a > b, a >= b, a == 1)
local c = setmetatable({}, {__lt = function() return true end})
print(pcall(function() return c <= c end))
