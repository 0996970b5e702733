-- The length operator after appends, removals and holes: tables filled by t[#t + 1], emptied
-- from the end, holed in the middle, refilled, grown past their array part and built by
-- constructors, table.insert/remove and rehashes. Where a table has holes, # is whichever border
-- lua5.1's search finds, so each value here is lua5.1's.
local out = {}
local function note(v) out[#out + 1] = v end
local t = {}
for i = 1, 100 do t[#t + 1] = i end
note(#t)
t[50] = nil note(#t)
t[100] = nil note(#t)
t[99] = nil note(#t)
t[50] = 1 note(#t)
local u = {1, 2, nil, 4} note(#u)
local v = {nil, nil, 3} note(#v)
local w = {} for i = 1, 20 do w[i] = i end
for i = 20, 1, -1 do w[i] = nil note(#w) end
local x = {} x[1] = 1 x[2] = 2 x[4] = 4 note(#x) x[3] = 3 note(#x)
local y = {} for i = 1, 64 do y[i] = i end y[65] = 65 note(#y) y[64] = nil note(#y)
local z = {n = 1} for i = 10, 1, -1 do z[i] = i end note(#z)
for i = 1, 10 do table.insert(z, i) end note(#z)
for i = 1, 5 do table.remove(z, 1) end note(#z)
local s = {} for i = 1, 1000 do s[#s + 1] = i if i % 7 == 0 then s[#s] = nil end end note(#s)
local h = {} for i = 1, 17 do h[i] = i end for i = 1, 17, 2 do h[i] = nil end note(#h)
print(table.concat(out, " "))

-- writes of values and nils at pseudo-random keys, with # after each, on tables that start
-- dense, start empty, and grow a hash part alongside
local seed = 12345
local function random(n)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % n + 1
end
for round = 1, 6 do
  local r = {}
  if round % 2 == 0 then for i = 1, 40 do r[i] = i end end
  local lengths = {}
  for step = 1, 400 do
    local k = random(round <= 4 and 48 or 80)
    if random(3) == 1 then r[k] = nil else r[k] = step end
    if round == 5 and step % 5 == 0 then r["k" .. step] = step end
    if random(4) == 1 then r[#r + 1] = step end
    lengths[#lengths + 1] = #r
  end
  print(round, table.concat(lengths, ","))
end
