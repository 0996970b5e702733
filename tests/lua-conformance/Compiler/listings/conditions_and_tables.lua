local x, y, z
x = y == z
local s = x ~= nil and "a" or "b"
local n = 2 ^ 3 + 10 / 2 - 1
local big = {} for i = 1, 60 do big[i] = i end
local u = {[1] = 1, [2] = 2, "a", "b"}
a.b.c = d.e[f]
local q = not (x and y)
do local w = 1; local function ff() return w end end
return function(...) local a, b = ... return a end
