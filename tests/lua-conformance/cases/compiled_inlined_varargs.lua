-- Small vararg functions called with arguments that end at Top (`f(...)`, `f(g())`) from code hot
-- enough to be compiled: the compiling tier inlines them (up to 8 varargs past the parameters),
-- and whatever they do must look as it does when they are called: varargs counted and copied,
-- missing parameters nil, results adjusted, errors and tracebacks through their frames, locals
-- seen by the debug library, yields from inside, and more arguments than inlining takes.

local function add(a, b) return (a or 0) + (b or 0) end
local function count(...) return select('#', ...) end
local function firstTwo(a, b, ...) return a, b, select('#', ...) end
local function forward(...) return add(...) end
local function pass(...) return ... end
local function middle(...) local x, y = ... return y, x end

local function caller(...)
  local n = count(...)
  local a, b, rest = firstTwo(...)
  local s = forward(...)
  local p1, p2, p3 = pass(...)
  local m1, m2 = middle(...)
  return n, a, b, rest, s, p1, p2, p3, m1, m2
end

local out = {}
for round = 1, 3000 do
  local k = round % 12
  local args = {}
  for i = 1, k do args[i] = i * 10 + round % 3 end
  local r = {caller(unpack(args, 1, k))}
  if round > 2988 then out[#out + 1] = table.concat({k, tostring(r[1]), tostring(r[2]), tostring(r[3]), tostring(r[4]), tostring(r[5]), tostring(r[6]), tostring(r[7]), tostring(r[8]), tostring(r[9]), tostring(r[10])}, " ") end
end
for _, line in ipairs(out) do print(line) end

-- an event emitter: listeners bound to objects, called with the event's arguments
local Counter = {}
Counter.__index = Counter
function Counter:onData(x, y) self.count = self.count + 1; self.sum = self.sum + x * (y or 1) end
function Counter:onReset() self.sum = self.sum % 1000 end
local function bind(obj, method) return function(...) return obj[method](obj, ...) end end
local listeners = {}
local counters = {}
for i = 1, 4 do
  local c = setmetatable({count = 0, sum = 0}, Counter)
  counters[i] = c
  listeners[#listeners + 1] = bind(c, "onData")
end
local plain = 0
listeners[#listeners + 1] = function(x, y) plain = plain + (x + (y or 0)) % 3 end
local function emit(...) for i = 1, #listeners do listeners[i](...) end end
for step = 1, 4000 do
  emit(step % 17, step % 5)
  if step % 3 == 0 then emit(step) end
  if step % 1000 == 0 then for i = 1, 4 do bind(counters[i], "onReset")() end end
end
for i = 1, 4 do print(i, counters[i].count, counters[i].sum) end
print("plain", plain)

-- errors inside an inlined body, and the traceback through its frame
local function field(...) local t = ... return t.value end
local function outer(...) return field(...) end
local good = {value = 1}
local sum = 0
for round = 1, 3000 do
  local ok, e = pcall(outer, round == 2999 and 5 or good)
  if ok then sum = sum + e else print("error", e) end
end
print("sum", sum)
local function traced(...) local x = ... if x == 0 then return debug.traceback("here", 1) end return x end
local function viaTraced(...) return traced(...) end
for round = 1, 3000 do
  local r = viaTraced(round == 3000 and 0 or round)
  if round == 3000 then print((r:gsub("\t[^\n]*%[C%][^\n]*", ""))) end
end

-- the debug library sees the locals of a body whose frame was made
local function locals(a, ...)
  local b = ...
  if a == "look" then
    local names = {}
    for i = 1, 10 do
      local name, value = debug.getlocal(1, i)
      if not name then break end
      names[#names + 1] = name .. "=" .. (type(value) == "table" and "table" or tostring(value))
    end
    return table.concat(names, ",")
  end
  return b
end
local function viaLocals(...) return locals(...) end
for round = 1, 3000 do
  local r = viaLocals(round == 3000 and "look" or round, round + 1, round + 2)
  if round == 3000 then print("locals", r) end
end

-- a yield from inside an inlined body, in a coroutine
local function step(...) local v = ... if v % 500 == 0 then coroutine.yield(v) end return v + select('#', ...) end
local function viaStep(...) return step(...) end
local co = coroutine.wrap(function()
  local total = 0
  for i = 1, 3000 do total = total + viaStep(i, i, i) end
  return "done", total
end)
local yielded = {}
while true do
  local v, t = co()
  if v == "done" then print("total", t) break end
  yielded[#yielded + 1] = v
end
print("yielded", table.concat(yielded, ","))

-- more arguments than inlining takes, and nil arguments in between
local function tally(...) local n = 0 for i = 1, select('#', ...) do if select(i, ...) ~= nil then n = n + 1 end end return n, select('#', ...) end
local function viaTally(...) return tally(...) end
local results = {}
for round = 1, 3000 do
  local a, b = viaTally(1, nil, 3, nil, 5, 6, 7, 8, 9, 10, 11, round % 2 == 0 and 12 or nil)
  if round > 2998 then results[#results + 1] = a .. "/" .. b end
end
print("tally", table.concat(results, " "))
