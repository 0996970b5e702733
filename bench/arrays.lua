-- an array workload: table.insert, table.remove, table.sort (with and without a comparator).
local seed = 42
local function rand(n) seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n end
local a = {}
for i = 1, 600000 do table.insert(a, rand(1000000)) end
table.sort(a)
local ok = true
for i = 2, #a do if a[i - 1] > a[i] then ok = false end end
local b = {}
for i = 1, 300000 do b[i] = {id = rand(50000), name = "n" .. i} end
table.sort(b, function(x, y) if x.id ~= y.id then return x.id < y.id end return x.name < y.name end)
local q = {}
for i = 1, 2000 do table.insert(q, 1, i) end
local removed = 0
while #q > 0 do removed = removed + table.remove(q) end
print(ok, a[1], a[#a], b[1].id, b[#b].id, removed)
