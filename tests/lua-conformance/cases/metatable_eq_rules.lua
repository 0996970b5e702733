local mt = {__eq = function() print("eq called"); return true end}
local a = setmetatable({}, mt)
local b = setmetatable({}, mt)
local c = setmetatable({}, {__eq = function() return true end})
print(a == b, a == c, a == 1, a == "x")
local le = {__lt = function(x, y) print("lt"); return true end}
local p, q = setmetatable({}, le), setmetatable({}, le)
print(p <= q)
print(pcall(function() return p < 1 end))
