-- traceback of a suspended coroutine with messages and levels
local function inner(x) coroutine.yield(x) end
local function middle(x) inner(x); return 1 end
local co = coroutine.create(function(x) middle(x); return 2 end)
print(debug.traceback(co))
coroutine.resume(co, 1)
print(debug.traceback(co))
print(debug.traceback(co, "message"))
print(debug.traceback(co, "from level 1", 1))
print(debug.traceback(co, "from level 2", 2))
print(debug.traceback(co, nil, 1))
coroutine.resume(co)
print(coroutine.status(co))
print(debug.traceback(co, "dead"))
local w
w = coroutine.create(function()
  print(debug.traceback("inside coroutine"))
end)
coroutine.resume(w)
