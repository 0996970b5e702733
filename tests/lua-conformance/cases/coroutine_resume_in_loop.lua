-- resume and wrap called from Lua run the coroutine in the same interpreter loop: values both
-- ways, errors (resume returns them, wrap raises them with the position), nesting, statuses,
-- the nesting limit, and a dead coroutine's traceback must all be what lua5.1 gives
local co = coroutine.create(function(a, b)
  print("start", a, b, coroutine.status(coroutine.running()))
  local c = coroutine.yield(a + b)
  print("got", c)
  local ok, e = pcall(function() error("boom " .. c) end)
  print("caught", ok, e)
  error({code = 7})
end)
print(coroutine.resume(co, 1, 2))
local okx, ex = coroutine.resume(co, "x")
print(okx, type(ex), ex.code, coroutine.status(co))
local ok, e = coroutine.resume(co, "y")
print(ok, type(e), e.code, coroutine.status(co))
print(coroutine.resume(co))
local w = coroutine.wrap(function() error("in wrap") end)
print(pcall(w))
local w2 = coroutine.wrap(function() return 1, 2, 3 end)
print(w2())
print(pcall(w2))
-- nested: a resumes b resumes c
local c = coroutine.wrap(function() for i = 1, 3 do coroutine.yield("c" .. i) end end)
local b = coroutine.wrap(function() for i = 1, 3 do coroutine.yield("b" .. c()) end end)
local a = coroutine.create(function() for i = 1, 3 do coroutine.yield("a" .. b()) end return "end" end)
for i = 1, 5 do print(coroutine.resume(a)) end
-- depth limit
local function r(n) local co = coroutine.wrap(r); return co(n + 1) end
local ok2, e2 = pcall(r, 1)
print(ok2, e2:sub(-20))
-- resume running / normal
local outer
outer = coroutine.create(function()
  local inner = coroutine.create(function() return coroutine.resume(outer) end)
  return coroutine.resume(inner)
end)
print(coroutine.resume(outer))
print(select("#", coroutine.resume(coroutine.create(function() end))))
-- generic for with wrap
for v in coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end end) do io.write(v, " ") end print()
-- traceback of a dead coroutine
local d = coroutine.create(function() local x = nil; x() end)
print(coroutine.resume(d))
print(debug.traceback(d))
