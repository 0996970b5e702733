-- Lua 5.1.5's table.remove: a position outside 1..#t removes nothing and returns nothing
local function show(t, n) local parts = {} for i = 1, n do parts[i] = tostring(t[i]) end return table.concat(parts, ",") end
local t = {1, 2}
print(select("#", table.remove(t, 5)), #t, show(t, 3))
t = {1, 2, 3}
print(select("#", table.remove(t, 0)), #t, show(t, 4))
t = {1, 2, 3}
print(select("#", table.remove(t, -1)), #t, show(t, 4))
t = {1, 2, 3}
print(select("#", table.remove(t, 1e300)), #t, show(t, 4))
t = {1, 2, 3}
print(select("#", table.remove(t, 2^40)), #t, show(t, 4))
t = {1, 2, 3}
print(table.remove(t, 3), #t, show(t, 4))
t = {1, 2, 3}
print(table.remove(t, 1), #t, show(t, 4))
t = {1, 2, 3}
print(table.remove(t), #t, show(t, 4))
print(select("#", table.remove({})), select("#", table.remove({}, 1)))
t = {n = 1}
print(select("#", table.remove(t, 1)), t.n)
