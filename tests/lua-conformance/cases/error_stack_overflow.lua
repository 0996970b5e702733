local function f() return 1 + f() end
local ok, e = pcall(f)
print(ok, e)
local t = setmetatable({}, {__index = function(t, k) return t[k] end})
print(pcall(function() return t.x end))
print("alive")
