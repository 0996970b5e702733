-- math functions called from code hot enough to be compiled, where numbers take a short path:
-- numbers, strings that convert, wrong types, every result count, NaN, -0 and infinities.
local floor, sqrt, max, min, fmod, pow = math.floor, math.sqrt, math.max, math.min, math.fmod, math.pow
local values = {3.7, -3.7, 0, -0, 1/0, -1/0, 0/0, "2.5", " 9 ", "0x10", 2^53 + 1, 1e308}
local function show(x) if x ~= x then return "nan" end return string.format("%.14g", x) end
local out = {}
for round = 1, 60 do
  for i, v in ipairs(values) do
    local ok, a = pcall(floor, v)
    local b = select("#", math.ceil(v))       -- all results
    local c = {math.abs(v)}                    -- all results into a table
    local d, e = sqrt(v)                       -- two wanted, one given
    local m = max(v, 2)
    local n = min(2, v)
    local ok2, f = pcall(fmod, v, 3)
    local g = pow(v, 2)
    if round == 60 then
      out[#out + 1] = table.concat({i, ok and show(a) or a, b, show(c[1]), show(d), tostring(e), show(m), show(n),
        ok2 and show(f) or f, show(g)}, " ")
    end
  end
end
for _, line in ipairs(out) do print(line) end
-- min and max of two numbers: which one is returned when they compare equal or unordered
for round = 1, 60 do
  local a, b = max(0, -0), max(-0, 0)
  local c, d = min(0/0, 1), min(1, 0/0)
  local e, f = max(0/0, 1), max(1, 0/0)
  if round == 60 then print(1/a, 1/b, show(c), show(d), show(e), show(f)) end
end
-- wrong types and counts raise the library's errors
for _, call in ipairs({
  function() return floor({}) end, function() return floor() end, function() return max() end,
  function() return max(1, "x") end, function() return fmod(1) end, function() return pow("a", "b") end,
  function() return sqrt(nil) end, function() return max(1, 2, 3) end, function() return min(4, 3, "1") end,
}) do
  local results = {}
  for round = 1, 60 do results[round] = {pcall(call)} end
  print(tostring(results[60][1]), tostring(results[60][2]))
end
-- a math function replaced by a Lua one, and a table with the same name
local realfloor = math.floor
for round = 1, 100 do
  if round == 50 then math.floor = function(x) return "mine" end end
  local r = math.floor(2.5)
  if round == 49 or round == 100 then print(round, r) end
end
math.floor = realfloor
-- arguments that end at the top: a call's results and varargs
local function pair() return 3.5, 7 end
local function viaVarargs(...) return math.max(...), math.floor(...), ("abcdef"):sub(...) end
for round = 1, 100 do
  local a, b, c = math.max(pair()), math.floor(pair()), math.fmod(pair())
  local d, e, f = viaVarargs(2, 4)
  if round == 100 then print(a, b, c, d, e, f, pcall(math.floor, unpack({}))) end
end
-- in tail position: the results are the function's
local function fl(x) return math.floor(x) end
local function sb(s, i) return s:sub(i) end
local function none(s) return s:byte(10) end
for round = 1, 100 do
  local a, b, c = fl(2.5), sb("hello", -3), select("#", none("abc"))
  local ok, e = pcall(fl, "x")
  if round == 100 then print(a, b, c, ok, e) end
end
