-- Lua functions calling each other inside coroutines (compiled code calls them directly on the
-- .NET stack): a yield three calls deep, a slow path and a metamethod deep inside, errors caught
-- outside and inside, a resume from deep inside, tail calls, recursion past the direct depth,
-- and tracebacks and getinfo of those frames.
local function leaf(x)
  local got = coroutine.yield("leaf " .. x)
  return got * 2
end
local function middle(x) return leaf(x + 1) + 1 end
local function top(x) return middle(x + 1) + 1 end

local co = coroutine.create(function(a)
  local r = top(a)
  local s = top(r)
  return r, s
end)
print(coroutine.resume(co, 1))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, 100))
print(coroutine.status(co), coroutine.resume(co))

-- metamethods (__index, __add, __concat) reached inside directly called functions, each
-- followed by a yield (lua5.1 cannot yield inside the metamethod itself)
local mt = {}
mt.__index = function(t, k) return "index " .. k end
mt.__add = function(a, b) return 40 + b end
mt.__concat = function(a, b) return "cat" end
local obj = setmetatable({}, mt)
local function field(o, k) local v = o[k]; return coroutine.yield(v) end
local function sum(o) local v = o + 1; return coroutine.yield(v) end
local function cat(o) return "x" .. o end
local function uses(o) return field(o, "a"), sum(o), cat(o) end
co = coroutine.wrap(function() return uses(obj) end)
print(co())
print(co("A"))
print(co("B"))

-- varargs, closures and a table built deep inside (instructions the compiled code leaves)
local function pack(...) return {n = select("#", ...), ...} end
local function build(...)
  local t = pack(...)
  local f = function() return t.n end
  coroutine.yield(f())
  return #t, t[1]
end
co = coroutine.wrap(function(...) return build(...) end)
print(co(7, 8, 9))
print(co())

-- errors: caught by a pcall outside the coroutine's calls, and inside them
local function fail(x) if x > 2 then error("deep failure " .. x) end return fail(x + 1) end
local function guarded(x)
  local ok, e = pcall(fail, x)
  coroutine.yield(ok, e)
  return fail(x)
end
co = coroutine.create(function() return guarded(0) end)
print(coroutine.resume(co))
print(coroutine.resume(co))
print(coroutine.status(co))
co = coroutine.create(function()
  local function inner() local v = coroutine.yield(1); return v.field end
  local function outer() return inner() end
  return outer()
end)
print(coroutine.resume(co))
print(coroutine.resume(co, nil))

-- a coroutine resumed from deep inside another, both yielding back and forth
local gen = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end return "gen done" end)
local function pull() return gen() end
local function twice() return pull() + pull() end
co = coroutine.wrap(function()
  local a = twice()
  coroutine.yield("sum " .. a)
  return pull()
end)
print(co())
print(co())

-- tail calls and recursion deeper than any direct-call limit, yielding at the bottom
local function down(n) if n == 0 then return coroutine.yield("bottom") end return down(n - 1) end
local function count(n) if n == 0 then return coroutine.yield("counted") + 0 end return 1 + count(n - 1) end
co = coroutine.wrap(function() return down(500), count(150) end)
print(co())
print(co("up"))
print(co(5))

-- what the debug library sees of frames called this way
co = coroutine.create(function()
  local function c() coroutine.yield(debug.traceback("here", 1)) end
  local function b() c(); return "b done" end
  local function a() return (b()) end
  return a()
end)
local _, tb = coroutine.resume(co)
print((tb:gsub("\t", "  ")))
print(debug.traceback(co))
for level = 0, 3 do
  local info = debug.getinfo(co, level, "Sl")
  print(level, info and info.currentline, info and info.what)
end
print(coroutine.resume(co))
