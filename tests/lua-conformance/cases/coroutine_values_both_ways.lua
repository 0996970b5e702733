-- values passed by resume/yield: none, many, nils in the middle and at the end
local co = coroutine.create(function(...)
  print("start", select("#", ...), ...)
  local a = {coroutine.yield()}
  print("got", #a, select("#", unpack(a)))
  print("n", select("#", coroutine.yield(nil, nil)))
  print("mid", coroutine.yield(1, nil, 3))
  local x, y, z = coroutine.yield(nil, 2, nil)
  print("xyz", x, y, z)
  return nil, nil, nil
end)
print(select("#", coroutine.resume(co)))
print(coroutine.resume(co, 1, 2, 3))
print(select("#", coroutine.resume(co, nil, nil, nil, nil)))
print(coroutine.resume(co, "a", nil, "c"))
print(coroutine.resume(co, nil, "b"))
local r = {coroutine.resume(co, 1, 2, 3, 4)}
print(#r, select("#", coroutine.resume(coroutine.create(function() return nil, nil, nil end))))
print(coroutine.resume(coroutine.create(function(...) return select("#", ...) end), nil, nil))
