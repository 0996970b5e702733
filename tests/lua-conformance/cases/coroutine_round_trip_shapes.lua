-- Resume/yield round trips of every shape, many times over so that the compiling tier runs
-- them (the golden tests also run every case compiled from the first call).

-- values both ways: none, one, several, nils in the middle
local co = coroutine.wrap(function(...)
  local args = {...}
  while true do
    args = {coroutine.yield(unpack(args))}
  end
end)
local seen = {}
for i = 1, 300 do
  local a, b, c, d = co(i, nil, i * 2)
  seen[#seen + 1] = tostring(a) .. "," .. tostring(b) .. "," .. tostring(c) .. "," .. tostring(d)
end
print(seen[1], seen[150], seen[300])
print(select("#", co()), select("#", co(1, 2, 3, 4, 5)), select("#", co(nil, nil)))

-- all results wanted: print(co()) and a table constructor
local gen = coroutine.wrap(function()
  for i = 1, 3 do coroutine.yield(i, i * 10, i * 100) end
  return "done", "really"
end)
print(gen())
local packed = {gen()}
print(packed[3], #{gen()})
print(gen())
print(pcall(gen))

-- coroutine.resume: the status flag, then the values
local worker = coroutine.create(function(x)
  local total = 0
  while x do
    total = total + x
    x = coroutine.yield(total)
  end
  return "sum", total
end)
local last
for i = 1, 500 do last = select(2, coroutine.resume(worker, i)) end
print(last, coroutine.status(worker))
print(coroutine.resume(worker, nil))
print(coroutine.status(worker), coroutine.resume(worker, 1))

-- a coroutine that returns at once, and one that errors at once or later
print(coroutine.resume(coroutine.create(function(...) return select("#", ...), ... end), 1, nil, 3))
print(coroutine.resume(coroutine.create(function() error("at once") end)))
local okt, errt = coroutine.resume(coroutine.create(function() error({code = 7}) end))
print(okt, type(errt), errt.code)
local later = coroutine.create(function()
  for i = 1, 100 do coroutine.yield(i) end
  error("after a hundred", 0)
end)
local n = 0
while true do
  local ok, v = coroutine.resume(later)
  if not ok then print("failed after", n, v) break end
  n = n + 1
end
print(coroutine.resume(later))

-- resuming a running or normal coroutine from inside
local outer
outer = coroutine.create(function()
  print("running self:", coroutine.resume(outer))
  local inner = coroutine.create(function()
    print("normal outer:", coroutine.status(outer), coroutine.resume(outer))
    coroutine.yield("inner yielded")
  end)
  print(coroutine.resume(inner))
  print(coroutine.resume(inner))
  print(coroutine.resume(inner))
end)
print(coroutine.resume(outer))

-- yield from the main thread, and resume with wrong arguments
print(pcall(coroutine.yield, 1))
print(pcall(coroutine.resume))
print(pcall(coroutine.resume, 42))

-- nested wraps: each level yields what the level below produced
local function chain(depth)
  if depth == 0 then
    return coroutine.wrap(function() for i = 1, 50 do coroutine.yield(i) end end)
  end
  local below = chain(depth - 1)
  return coroutine.wrap(function()
    for i = 1, 50 do coroutine.yield(below() + depth) end
  end)
end
local top = chain(10)
local s = 0
for i = 1, 50 do s = s + top() end
print("chain", s)
