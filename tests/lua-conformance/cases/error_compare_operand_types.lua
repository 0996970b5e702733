-- comparison errors report both operand types
local function e(f) print(pcall(f)) end
e(function() return 1 < nil end)
e(function() return {} < {} end)
e(function() return "a" < 1 end)
e(function() return 1 <= "a" end)
e(function() return true > false end)
e(function() return nil >= nil end)
e(function() local a, b = {}, 1; return a > b end)
e(function() return print < print end)
local mt1 = {__lt = function() return true end}
local mt2 = {__lt = function() return false end}
e(function() return setmetatable({}, mt1) < setmetatable({}, mt2) end)
e(function() return setmetatable({}, mt1) < setmetatable({}, mt1) end)
e(function() return setmetatable({}, mt1) <= setmetatable({}, mt1) end)
e(function() return 1 == "1", {} == {}, nil == false end)
e(function() return "10" < "9", "a" < "b" end)
