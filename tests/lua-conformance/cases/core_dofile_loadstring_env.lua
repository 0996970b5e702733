local f = loadstring("y = (y or 0) + 1; return y")
print(f(), f(), y)
local chunk = loadstring("return ...")
print(chunk(1, 2, 3))
local counter = 0
local g = loadstring("counter = 5")
g()
print(counter, _G.counter)
