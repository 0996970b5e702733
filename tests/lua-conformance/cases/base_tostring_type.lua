print(tostring(nil), tostring(true), tostring(12), tostring("s"), type(tostring({})))
print(type(nil), type(1), type("x"), type({}), type(print), type(coroutine.create(function() end)), type(newproxy()))
print(pcall(type))
print(tostring(setmetatable({}, {__tostring = function() return "custom" end})))
