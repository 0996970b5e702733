function f(i) if i==0 then error(i) else coroutine.yield(); f(i-1) end end
co = coroutine.create(function (x) f(x) end)
a, b = coroutine.resume(co, 3)
while coroutine.status(co) == "suspended" do
  print(debug.traceback(co))
  a, b = coroutine.resume(co)
end
print(a, b)
print(debug.traceback(co))
