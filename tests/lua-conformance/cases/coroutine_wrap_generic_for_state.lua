-- wrap used as iterator receives the for state and control values
local it = coroutine.wrap(function(s, c)
  print("first call", s, c)
  local s2, c2 = coroutine.yield(1)
  print("second call", s2, c2)
  s2, c2 = coroutine.yield(2)
  print("third call", s2, c2)
end)
for v in it, "state", "init" do print("loop", v) end
local fib = coroutine.wrap(function()
  local a, b = 0, 1
  while true do coroutine.yield(a); a, b = b, a + b end
end)
local t = {}
for i = 1, 15 do t[i] = fib() end
print(table.concat(t, ","))
