-- module() with and without package.seeall
local print, type, package, module = print, type, package, module
module("envmod_a")
x = 1
function get() return x end
module("envmod_b", package.seeall)
y = 2
function both() return y, type(string) end
print(envmod_a.get(), envmod_a.x, envmod_a._NAME, envmod_a._PACKAGE)
print(envmod_b.both(), envmod_b._NAME)
print(type(envmod_b._M), envmod_b._M == envmod_b)
print(package.loaded.envmod_a == envmod_a, package.loaded["envmod_b"] == envmod_b)
print(rawget(envmod_a, "print"), rawget(envmod_b, "print"))
print(getmetatable(envmod_a), getmetatable(envmod_b).__index == _G)
