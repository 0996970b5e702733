-- Coroutine ping-pong: resume/yield round trips, values passed both ways.
local n = 10000000
local co = coroutine.wrap(function(x)
  while true do x = coroutine.yield(x + 1) end
end)
local sum = 0
for i = 1, n do sum = sum + co(i) end
print(sum)
