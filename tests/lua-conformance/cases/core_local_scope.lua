local x = 1
do local x = 2; print(x) end
print(x)
local a, b, c = 1, 2
print(a, b, c)
local d, e = 1, 2, 3
print(d, e)
local f = function() return x end
x = 10
print(f())
local x = 20
print(f(), x)
