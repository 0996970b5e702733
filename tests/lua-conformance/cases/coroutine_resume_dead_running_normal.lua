-- exact results of resuming coroutines that cannot be resumed
local dead = coroutine.create(function() return 1 end)
print(coroutine.resume(dead))
print(coroutine.resume(dead))
print(coroutine.resume(dead, "arg"))
local failed = coroutine.create(function() error("oops", 0) end)
print(coroutine.resume(failed))
print(coroutine.resume(failed))
local selfco
selfco = coroutine.create(function()
  print("self resume", coroutine.resume(selfco))
  print("self status", coroutine.status(selfco))
  return "end"
end)
print(coroutine.resume(selfco))
local outer
outer = coroutine.create(function()
  local inner = coroutine.create(function()
    print("outer status", coroutine.status(outer))
    print("resume normal", coroutine.resume(outer))
    return "inner end"
  end)
  print(coroutine.resume(inner))
  return "outer end"
end)
print(coroutine.resume(outer))
print(coroutine.status(outer))
