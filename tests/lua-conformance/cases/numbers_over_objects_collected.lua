-- Registers and table slots that change between numbers and objects, with full collections in
-- between: numbers stored over a table, a string or a number must read back as those numbers.
local t, sum = {}, 0
for i = 1, 3000 do
  local v = (i % 3 == 0) and {} or ((i % 3 == 1) and ("x" .. i) or i)
  t[i % 97 + 1] = v
  v = i * 2
  t[i % 89 + 1] = v
  if i % 500 == 0 then collectgarbage() end
  sum = sum + v
end
local n, kinds = 0, {}
for i = 1, 97 do
  local v = t[i]
  kinds[type(v)] = (kinds[type(v)] or 0) + 1
  if type(v) == "number" then n = n + v end
end
print(sum, n, kinds.number, kinds.string, kinds.table)
local up = 0
local function f(x) up = x return up end
for i = 1, 2000 do
  local r = f(i % 2 == 0 and i or tostring(i))
  if i % 700 == 0 then collectgarbage() end
  if i > 1995 then print(type(r), r) end
end
