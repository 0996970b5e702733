-- The cost of one call of collectgarbage("collect"), ("step") and ("count") on a small heap
-- (1000 live tables), in microseconds, measured with os.clock inside the program so that start-up
-- is left out. Printed as "collect N", "step N", "count N", one per line.
local live = {}
for i = 1, 1000 do live[i] = {i} end
local function per_call(n, f)
  f() -- once before timing
  local start = os.clock()
  for _ = 1, n do f() end
  return (os.clock() - start) / n * 1e6
end
print(string.format("collect %.3f", per_call(2000, function() collectgarbage("collect") end)))
print(string.format("step %.3f", per_call(20000, function() collectgarbage("step") end)))
print(string.format("count %.3f", per_call(1000000, function() return collectgarbage("count") end)))
