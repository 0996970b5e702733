local f = loadstring("return 1 + 1")
print(f())
local g = loadstring("local a, b = ...; return a * b")
print(g(6, 7))
local parts = {"return ", "'joined'", nil}
local i = 0
local h = load(function() i = i + 1; return parts[i] end)
print(h())
print(type(load(function() return nil end)))
local env = {x = 5}
local code = loadstring("return x")
setfenv(code, env)
print(code())
print(loadfile("does_not_exist.lua"))
print(pcall(dofile, "does_not_exist.lua"))
