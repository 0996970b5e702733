print(debug.traceback("x")); print(coroutine.wrap(function() return debug.traceback("y") end)())
