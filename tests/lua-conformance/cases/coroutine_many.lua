local cos = {}
for i = 1, 1000 do cos[i] = coroutine.create(function(a) local b = coroutine.yield(a * 2); return a + b end) end
local sum = 0
for i = 1, 1000 do local _, v = coroutine.resume(cos[i], i); sum = sum + v end
for i = 1, 1000 do local _, v = coroutine.resume(cos[i], 1); sum = sum + v end
print(sum)
