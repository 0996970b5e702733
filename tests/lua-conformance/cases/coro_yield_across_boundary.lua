local co = coroutine.create(function()
  table.sort({3, 2, 1}, function(a, b) coroutine.yield(); return a < b end)
end)
print(coroutine.resume(co))
local co2 = coroutine.create(function()
  local t = setmetatable({}, {__index = function() return coroutine.yield("from index") end})
  return t.x
end)
print(coroutine.resume(co2))
