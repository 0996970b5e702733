-- Table-heavy loop: array writes and reads, hash fields with string keys.
local t = {}
local n = 3000000
for i = 1, n do t[i] = i % 7 end
local sum = 0
for round = 1, 30 do
  for i = 1, n do sum = sum + t[i] end
end
local h = {}
for i = 1, 2000000 do h["k" .. (i % 1000)] = (h["k" .. (i % 1000)] or 0) + i end
local hs = 0
for k, v in pairs(h) do hs = hs + v end
print(sum, hs)
