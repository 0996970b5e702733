-- a coroutine resuming another, statuses and values through the chain
local trace = {}
local c3 = coroutine.create(function(x)
  trace[#trace + 1] = "c3 got " .. x
  local y = coroutine.yield(x * 3)
  trace[#trace + 1] = "c3 got " .. y
  return "c3 done"
end)
local c2 = coroutine.create(function(x)
  local ok, v = coroutine.resume(c3, x + 1)
  trace[#trace + 1] = "c2 sees c3 " .. tostring(ok) .. " " .. v .. " " .. coroutine.status(c3)
  local z = coroutine.yield(v)
  ok, v = coroutine.resume(c3, z)
  trace[#trace + 1] = "c2 sees c3 " .. tostring(ok) .. " " .. v .. " " .. coroutine.status(c3)
  return v
end)
local c1 = coroutine.create(function()
  local ok, v = coroutine.resume(c2, 1)
  trace[#trace + 1] = "c1: " .. v .. " c2 " .. coroutine.status(c2)
  ok, v = coroutine.resume(c2, "z")
  trace[#trace + 1] = "c1: " .. v .. " c2 " .. coroutine.status(c2)
  return coroutine.status(c3)
end)
print(coroutine.resume(c1))
for _, l in ipairs(trace) do print(l) end
