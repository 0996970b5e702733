-- The generic for over pairs, ipairs and next, and next called directly, in loops long enough
-- to be compiled: what the iterators return, how they stop, and their errors.
local function keys(t)
  local list = {}
  for k, v in pairs(t) do list[#list + 1] = tostring(k) .. "=" .. tostring(v) end
  table.sort(list)
  return table.concat(list, " ")
end

local base = setmetatable({}, {__index = function(_, i) return "from __index " .. i end})
base[1], base[2], base[4] = "a", "b", "d"
local mixed = {10, 20, 30, x = 1, y = 2, [2.5] = "half", [true] = "yes"}

for round = 1, 400 do
  local n, sum = 0, 0
  for i, v in ipairs(base) do n = n + 1 end -- raw: stops at the hole, never asks __index
  for i, v in ipairs(mixed) do sum = sum + i * v end
  local count, three = 0, 0
  for k, v, extra in pairs(mixed) do
    count = count + 1
    if extra ~= nil then three = three + 1 end
  end
  local direct = 0
  local k, v = next(mixed)
  while k ~= nil do direct = direct + 1; k, v = next(mixed, k) end
  local onlyKeys = 0
  for k in pairs(mixed) do onlyKeys = onlyKeys + 1 end
  local fractional = {}
  for i, v in ipairs({"p", "q", "r"}) do fractional[#fractional + 1] = i end
  local f = ipairs({})
  local steps = {}
  for i, v in f, {"x", "y", "z"}, 1.5 do steps[#steps + 1] = i .. v end -- the control truncated, as luaL_checkint does
  for i, v in f, {"x", "y", "z"}, "1" do steps[#steps + 1] = i .. v end -- a numeric string
  if round == 1 or round == 400 then
    print(round, n, sum, count, three, direct, onlyKeys, table.concat(fractional, ","), table.concat(steps, ","))
  end
end

-- clearing and changing fields while traversing is allowed
local t = {}
for i = 1, 50 do t["k" .. i] = i end
for round = 1, 30 do
  for k, v in pairs(t) do
    if v % 2 == 0 then t[k] = nil else t[k] = v + 2 end
  end
end
print(keys(t))

-- errors: the ordinary call raises them
local ok, err = pcall(function() for k, v in next, {a = 1}, "missing" do end end)
print(ok, err)
ok, err = pcall(next, {a = 1}, "missing")
print(ok, err)
ok, err = pcall(function() for i, v in ipairs({}), "not a table", 0 do end end)
print(ok, err)
ok, err = pcall(function() local f = ipairs({}) for i, v in f, {1}, {} do end end)
print(ok, err)
print(pcall(next, "x"))
print(next({}), next({}, nil), select("#", next({})))
