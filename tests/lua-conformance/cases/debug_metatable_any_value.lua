-- debug.getmetatable/setmetatable work on every type and ignore __metatable
local protected = setmetatable({}, {__metatable = "locked", tag = "real"})
print(getmetatable(protected), debug.getmetatable(protected).tag)
print(type(debug.getmetatable("s")), debug.getmetatable("s").__index == string)
print(debug.getmetatable(1), debug.getmetatable(nil), debug.getmetatable(print))
local nmt = {__index = function(n, k) return k .. n end, __call = function(n, x) return n * x end}
print(debug.setmetatable(5, nmt))
print((7).x, (3)(4))
debug.setmetatable(5, nil)
print(pcall(function() return (7).x end))
local bmt = {__len = function() return 99 end, __concat = function(a, b) return "cat" end}
debug.setmetatable(true, bmt)
print(true .. false, getmetatable(false) == bmt)
debug.setmetatable(false, nil)
local fmt = {__index = {name = "a function"}}
debug.setmetatable(print, fmt)
print(print.name, (function() end).name)
debug.setmetatable(print, nil)
print(debug.setmetatable({}, nil) ~= nil)
print(pcall(debug.setmetatable, {}, 1))
print(getmetatable(protected))
