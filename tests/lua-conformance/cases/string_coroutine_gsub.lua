local co = coroutine.wrap(function() return (string.gsub("abc", "%w", function(c) return c:upper() end)) end)
print(co())
local co2 = coroutine.create(function() for w in string.gmatch("a b", "%a") do coroutine.yield(w) end return "done" end)
print(coroutine.resume(co2)) print(coroutine.resume(co2)) print(coroutine.resume(co2))
