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
-- setmetatable from a constructor hot enough to be compiled: plain, nil, protected, weak, wrong types
local Class = {} Class.__index = Class
function Class.new(x) return setmetatable({x = x}, Class) end
function Class:get() return self.x end
local sum = 0
for i = 1, 200 do sum = sum + Class.new(i):get() end
print("objects", sum)
local results = {}
for round = 1, 60 do
  local a = setmetatable({}, nil)
  local locked = setmetatable({}, {__metatable = "locked"})
  local ok1, e1 = pcall(setmetatable, locked, {})
  local ok2, e2 = pcall(setmetatable, {}, 5)
  local ok3, e3 = pcall(setmetatable, 5, {})
  local ok4, e4 = pcall(setmetatable, {})
  local weak = setmetatable({}, {__mode = "k"})
  local back = setmetatable(a, Class)
  if round == 60 then
    print(getmetatable(a) == Class, back == a, getmetatable(locked), ok1, e1)
    print(ok2, e2, ok3, e3, ok4, e4)
    weak[{}] = true
    collectgarbage()
    print("weak entries left", next(weak))
  end
end
-- select('#', ...) from vararg functions hot enough to be compiled, with nils and other first arguments
local function count(...) return select("#", ...) end
local function countAll(...) return select("#", ...), select("#abc", ...), select(2, ...) end
local function nested(...) return count(...) + count(nil, ...) end
local tally = 0
for i = 1, 200 do
  tally = tally + count() + count(nil) + count(1, nil, nil) + count(unpack({1, 2, 3})) + nested(1, 2)
end
print("select", tally, countAll("a", "b", nil), countAll())
print(pcall(select, "x", 1, 2))
