local co
co = coroutine.create(function(a)
  print("inside", coroutine.status(co), coroutine.running() == co)
  local b = coroutine.yield(a + 1)
  return b * 2
end)
print(coroutine.status(co))
print(coroutine.resume(co, 1))
print(coroutine.status(co))
print(coroutine.resume(co, 10))
print(coroutine.status(co), coroutine.resume(co))
print(coroutine.running())
