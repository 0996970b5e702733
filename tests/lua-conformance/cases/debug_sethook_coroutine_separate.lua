-- hooks are per thread: a hook set in the main thread does not run inside a coroutine
local ev = {}
local co = coroutine.create(function()
  local function inco() return 1 end
  inco()
  coroutine.yield()
  inco()
end)
debug.sethook(function(e) ev[#ev + 1] = e end, "c")
coroutine.resume(co)
debug.sethook()
print("main hook events", #ev)
local inner = {}
debug.sethook(co, function(e) inner[#inner + 1] = e end, "cr")
print(debug.gethook(co) ~= nil, debug.gethook() == nil)
coroutine.resume(co)
print(table.concat(inner, " "))
print(coroutine.status(co))
