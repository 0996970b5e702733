-- Coroutine ping-pong: resume/yield round trips, values passed both ways.
-- The count can be given as the first argument (bench/coroutine-rate.sh does).
local n = tonumber(arg and arg[1]) or 10000000
local co = coroutine.wrap(function(x)
  while true do x = coroutine.yield(x + 1) end
end)
local sum = 0
for i = 1, n do sum = sum + co(i) end
print(sum)
