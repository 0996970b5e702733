math.randomseed(7)
local a = {math.random(100), math.random(100), math.random(100)}
math.randomseed(7)
local b = {math.random(100), math.random(100), math.random(100)}
print(a[1] == b[1] and a[2] == b[2] and a[3] == b[3])
