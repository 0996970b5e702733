-- a hash-table workload with string keys: insert, lookup, update, delete, iterate.
local t = {}
local keys = {}
for i = 1, 200000 do keys[i] = "key" .. i end
for round = 1, 20 do
  for i = 1, #keys do t[keys[i]] = (t[keys[i]] or 0) + i end
  for i = 1, #keys, 3 do t[keys[i]] = nil end
end
local n, sum = 0, 0
for k, v in pairs(t) do n = n + 1; sum = sum + v end
local hits = 0
for i = 1, #keys do if t["key" .. i] then hits = hits + 1 end end
print(n, sum, hits)
