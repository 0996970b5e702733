print(pcall(coroutine.yield, 1))
local co = coroutine.create(function() return coroutine.resume(coroutine.running()) end)
print(coroutine.resume(co))
