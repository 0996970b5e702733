local function f (n)
  if n > 0 then return f(n-1)
  else coroutine.yield() end
end
local co = coroutine.create(f)
coroutine.resume(co, 3)
print(debug.traceback(co))
print(debug.traceback(co, "msg"))
print(debug.traceback(co, "msg", 1))
co = coroutine.create(function (x)
       local a = 1
       coroutine.yield(debug.getinfo(1, "l"))
     end)
print(debug.traceback(co))
coroutine.resume(co)
print(debug.traceback(co))
print(debug.traceback("x", 1))
