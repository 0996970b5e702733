-- type() and tonumber() from code hot enough to be compiled (a short path for one argument),
-- with every type, strings that convert or not, and the calls that go the ordinary way.
local co = coroutine.create(function() end)
local values = {nil, true, false, 0, -1.5, "12", " 0x1F ", "1e3", "abc", "", "5 5", {}, print, co,
  newproxy(), 1/0, "inf", "nan", "  -7  ", "0x"}
local out = {}
for round = 1, 60 do
  for i = 1, 20 do
    local v = values[i]
    local t = type(v)
    local n = tonumber(v)
    local tn = {type(v), tonumber(v)}
    if round == 60 then out[#out + 1] = i .. " " .. t .. " " .. tostring(n) .. " " .. #tn end
  end
end
for _, line in ipairs(out) do print(line) end
for round = 1, 60 do
  local ok1, e1 = pcall(type)
  local ok2, e2 = pcall(tonumber)
  local b1, b2, b3 = tonumber("ff", 16), tonumber("zz", 36), tonumber("8", 8)
  local ok3, e3 = pcall(tonumber, "1", 99)
  if round == 60 then print(ok1, e1, ok2, e2, b1, b2, b3, ok3, e3) end
end
-- type and tonumber replaced by Lua functions
local realtype = type
for round = 1, 100 do
  if round == 50 then type = function() return "mine" end end
  local r = type(1)
  if round == 49 or round == 100 then print(round, r) end
end
type = realtype
