-- What a coroutine does right after it is resumed: each line below makes its code leave the
-- fast path at once in a different way (a table constructor with varargs, a call to a Lua
-- function, a multiple-result return, a metamethod, a collection, an error, a nested resume,
-- the end of its body). Run many times, so that compiled code does it.

local function loop(name, co, n, arg)
  local last
  for i = 1, n do last = {co(arg or i)} end
  print(name, unpack(last))
end

-- varargs into a table constructor (VARARG, SETLIST)
loop("pack", coroutine.wrap(function(...)
  local args = {...}
  while true do args = {coroutine.yield(#args, args[1])} end
end), 200)

-- a Lua function called first thing, and a function that yields and returns several values
local function three() local v = coroutine.yield("in three") return v, v * 2, v * 3 end
local function count(...) return select("#", ...) end
loop("calls", coroutine.wrap(function()
  local total = 0
  while true do
    total = total + count(three())
    total = total + select(3, three())
    coroutine.yield(total)
  end
end), 300)

-- __index and __add functions right after the resume
local mt = {__index = function(t, k) return k .. "!" end, __add = function(a, b) return 42 end}
loop("meta", coroutine.wrap(function()
  local obj = setmetatable({}, mt)
  local s = ""
  while true do
    local r = obj.field .. tostring(obj + 1)
    s = r
    coroutine.yield(s)
  end
end), 200)

-- a collection between resumes: a weak table loses what only it holds
local weak = setmetatable({}, {__mode = "v"})
loop("gc", coroutine.wrap(function()
  while true do
    weak[1] = {}
    collectgarbage()
    collectgarbage("collect")
    coroutine.yield(weak[1] == nil)
  end
end), 6) -- few: each collection is a full .NET one, slow in a busy test process

-- an error right after the resume, caught inside, then outside
local errs = coroutine.wrap(function()
  local n = 0
  while true do
    local ok, e = pcall(function() return nil + n end)
    n = n + 1
    coroutine.yield(ok, (string.gsub(e, "^.-:%d+: ", "")))
  end
end)
for i = 1, 150 do errs() end
print("caught", errs())
local dies = coroutine.create(function()
  for i = 1, 150 do coroutine.yield(i) end
  local t = nil
  return t.x
end)
local ok, v
repeat ok, v = coroutine.resume(dies) until not ok
print("died", ok, (string.gsub(v, "^.-:%d+: ", "")), coroutine.status(dies))

-- a nested resume first thing, the inner one yielding twice per outer round
local inner = coroutine.wrap(function()
  local i = 0
  while true do i = i + 1 coroutine.yield(i) end
end)
loop("nested", coroutine.wrap(function()
  while true do coroutine.yield(inner() + inner()) end
end), 250)

-- the body ends right after a resume; a generator finished by a for loop
local ends = coroutine.create(function(a)
  for i = 1, 100 do a = coroutine.yield(a) end
  return "ended with", a, select("#", coroutine.yield())
end)
for i = 1, 101 do coroutine.resume(ends, i) end
print(coroutine.resume(ends, 1, 2, 3))
print(coroutine.status(ends))
local sum = 0
for v in coroutine.wrap(function() for i = 1, 500 do coroutine.yield(i) end end) do sum = sum + v end
print("generated", sum)

-- a collection made by a tail call right after a resume
local held = setmetatable({}, {__mode = "k"})
local function collect_later()
  coroutine.yield("before")
  return collectgarbage("collect")
end
local collector = coroutine.wrap(function()
  while true do
    held[{}] = true
    collect_later()
    local n = 0
    for _ in pairs(held) do n = n + 1 end
    coroutine.yield(n)
  end
end)
local counts = {}
for i = 1, 4 do counts[#counts + 1] = tostring(collector()) end
print("tail collect", table.concat(counts, " "))
