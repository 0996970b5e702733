-- small differences found by differential testing against lua5.1
print(math.modf(-1))
print(math.modf(-0.0))
print(math.modf(-math.huge))
print(math.modf(math.huge))
print(math.modf(-3.5))
-- a __call that is a callable table is not called
local inner = setmetatable({}, {__call = function() return "inner" end})
local outer = setmetatable({}, {__call = inner})
print(pcall(outer))
print(pcall(function() return outer() end))
print(inner())
-- "near" shows what the lexer had read when it stopped
print(loadstring('return "\\300"'))
print(loadstring('return "abc\\256def"'))
print(loadstring("return 'a\\n\\999'"))
