-- yield from several Lua frames deep, locals of every frame survive
local function level3(x)
  local got = coroutine.yield("l3", x)
  return got * 2
end
local function level2(x)
  local local2 = x + 100
  local r = level3(x + 1)
  return r + local2
end
local function level1(x)
  local a = level2(x)
  local b = level2(x * 10)
  return a, b
end
local co = coroutine.create(level1)
print(coroutine.resume(co, 1))
print(coroutine.resume(co, 5))
print(coroutine.resume(co, 7))
print(coroutine.status(co))
local function rec(n)
  if n == 0 then return coroutine.yield("bottom") end
  local v = rec(n - 1)
  return v .. n
end
local co2 = coroutine.create(rec)
print(coroutine.resume(co2, 5))
print(coroutine.resume(co2, ">"))
