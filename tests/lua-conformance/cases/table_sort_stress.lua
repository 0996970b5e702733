local seed = 12345
local function rand() seed = (seed * 1103515245 + 12345) % 2147483648; return seed end
local t = {}
for i = 1, 2000 do t[i] = rand() % 1000 end
table.sort(t)
local sorted = true
for i = 2, #t do if t[i - 1] > t[i] then sorted = false end end
print(sorted, #t)
local s = {}
for i = 1, 200 do s[i] = tostring(rand() % 100) end
table.sort(s, function(a, b) return a > b end)
print(s[1] >= s[200])
local same = {}
for i = 1, 100 do same[i] = 5 end
table.sort(same)
print(same[1], same[100])
