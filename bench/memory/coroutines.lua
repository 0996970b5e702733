-- Memory per suspended coroutine (issue 4's target: under 1 KiB with a small stack).
--   kraken bench/memory/coroutines.lua      and      lua5.1 bench/memory/coroutines.lua
-- A million coroutines, each a closure resumed once and suspended in yield, kept in a table;
-- the figure is the growth of collectgarbage("count") divided by their number.
local n = tonumber(arg and arg[1]) or 1000000
collectgarbage()
local before = collectgarbage("count")
local t0 = os.clock()
local cos = {}
for i = 1, n do
  local co = coroutine.create(function(a) local b = coroutine.yield(a) return b end)
  coroutine.resume(co, i)
  cos[i] = co
end
collectgarbage()
local after = collectgarbage("count")
print(string.format("%d coroutines: %.2f s, %.0f bytes per suspended coroutine", n, os.clock() - t0, (after - before) * 1024 / n))
