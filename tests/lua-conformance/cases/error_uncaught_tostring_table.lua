-- an uncaught error object with __tostring: lua.c 5.1 does not call __tostring
local obj = setmetatable({}, {__tostring = function() return "pretty error" end})
print(tostring(obj))
error(obj)
