-- status of a coroutine seen from outside, from itself and from a coroutine it resumed
local co
local log = {}
co = coroutine.create(function(a)
  log[#log + 1] = "self:" .. coroutine.status(co)
  local inner = coroutine.create(function()
    log[#log + 1] = "from inner:" .. coroutine.status(co)
    coroutine.yield()
    log[#log + 1] = "inner again:" .. coroutine.status(co)
  end)
  coroutine.resume(inner)
  log[#log + 1] = "inner is " .. coroutine.status(inner)
  coroutine.yield(inner)
  coroutine.resume(inner)
  log[#log + 1] = "inner is " .. coroutine.status(inner)
  return "done"
end)
print("before", coroutine.status(co))
local ok, inner = coroutine.resume(co, 1)
print(ok, type(inner), coroutine.status(co), coroutine.status(inner))
print(coroutine.resume(co))
print("after", coroutine.status(co))
for i, v in ipairs(log) do print(i, v) end
local bad = coroutine.create(function() error("x") end)
coroutine.resume(bad)
print("after error", coroutine.status(bad))
