-- EQ against a constant (a string, a number, nil, true, false) on either side and negated, in
-- loops long enough to be compiled at the default threshold: strings built at run time equal
-- to the constant, numbers against numeric strings (no coercion in ==), NaN, false against nil,
-- and tables and userdata whose __eq must not be asked about a constant.
local asked = 0
local mt = {__eq = function() asked = asked + 1 return true end}
local t = setmetatable({}, mt)
local u = newproxy(true)
getmetatable(u).__eq = mt.__eq
local values = {"num", "nu" .. "m", string.rep("n", 1) .. "um", "var", 1, "1", 0, -0, 0 / 0, 1 / 0,
  false, true, nil, t, u, print, "", 2 ^ 53}
local counts = {}
for round = 1, 300 do
  for i = 1, 18 do
    local v = values[i]
    local c = counts[i] or {}
    counts[i] = c
    local function bump(k) c[k] = (c[k] or 0) + 1 end
    if v == "num" then bump("num") end
    if "num" == v then bump("num'") end
    if v ~= "num" then bump("~num") end
    if v == 1 then bump("1") end
    if 1 ~= v then bump("~1") end
    if v == 0 then bump("0") end
    if v == "1" then bump("'1'") end
    if v == 0 / 0 then bump("nan") end
    if v == 1 / 0 then bump("inf") end
    if v == 2 ^ 53 then bump("2^53") end
    if v == nil then bump("nil") end
    if nil ~= v then bump("~nil") end
    if v == false then bump("false") end
    if v ~= false then bump("~false") end
    if true == v then bump("true") end
    if v == "" then bump("empty") end
    local eq = v == "var"
    local ne = v ~= nil
    if eq then bump("eq") end
    if ne then bump("ne") end
  end
end
for i = 1, 18 do
  local keys = {}
  for k, n in pairs(counts[i]) do keys[#keys + 1] = k .. "=" .. n end
  table.sort(keys)
  print(i, type(values[i]), table.concat(keys, " "))
end
print("__eq asked", asked)
