local function f() return x end
setfenv(f, {x = "from env"})
print(f(), x)
print(getfenv(f).x, getfenv(0) == _G, getfenv(1) == _G)
print(pcall(setfenv, print, {}))
local g = function() setfenv(1, {y = 5, print = print}); print(y) end
g()
