-- thousands of live coroutines, resumed round-robin
local cos = {}
for i = 1, 3000 do
  cos[i] = coroutine.create(function(a)
    local sum = a
    for k = 1, 3 do sum = sum + coroutine.yield(sum) end
    return sum
  end)
end
local total = 0
for i = 1, #cos do local _, v = coroutine.resume(cos[i], i); total = total + v end
print("first round", total)
for round = 1, 3 do
  total = 0
  for i = 1, #cos do local _, v = coroutine.resume(cos[i], round); total = total + v end
  print("round", round, total)
end
local dead = 0
for i = 1, #cos do if coroutine.status(cos[i]) == "dead" then dead = dead + 1 end end
print("dead", dead)
local count = 0
for i = 1, 5000 do
  local w = coroutine.wrap(function() coroutine.yield(i) end)
  count = count + w()
end
print(count)
