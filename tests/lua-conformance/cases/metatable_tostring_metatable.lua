local t = setmetatable({}, {__tostring = function() return "T!" end, __metatable = false})
print(tostring(t), getmetatable(t))
print(pcall(setmetatable, t, nil))
