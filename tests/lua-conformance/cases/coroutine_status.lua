local main_co
local co
co = coroutine.create(function()
  print("inside", coroutine.status(co), coroutine.running() == co)
  local inner = coroutine.create(function() print("outer is", coroutine.status(co)) end)
  coroutine.resume(inner)
  coroutine.yield()
end)
print(coroutine.running())
coroutine.resume(co)
print(coroutine.status(co))
coroutine.resume(co)
print(coroutine.status(co))
print(coroutine.resume(co))
print(pcall(coroutine.yield, 1))
local selfresume
selfresume = coroutine.create(function() return coroutine.resume(selfresume) end)
print(coroutine.resume(selfresume))
