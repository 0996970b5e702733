local gen = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end return "last" end)
print(gen(), gen(), gen(), gen())
print(pcall(gen))
local failing = coroutine.wrap(function() error("inside") end)
print(pcall(failing))
local function producer()
  return coroutine.wrap(function() for _, w in ipairs({"a", "b", "c"}) do coroutine.yield(w) end end)
end
for w in producer() do io.write(w, " ") end print()
