-- A yield while a hook is set, and a hook set or cleared between resumes: the call and return
-- hooks see coroutine.yield as a C function, as in lua5.1.
local events = {}
local co = coroutine.create(function(x)
  for i = 1, 3 do x = coroutine.yield(x + 1) end
  return x
end)
for i = 1, 20 do coroutine.resume(co, i) end -- runs it to its end
print(coroutine.status(co))

local co2 = coroutine.create(function(x)
  debug.sethook(function(event)
    local info = debug.getinfo(2, "nS")
    if info.what == "C" then events[#events + 1] = event .. ":" .. tostring(info.name) end
  end, "cr")
  for i = 1, 3 do x = coroutine.yield(x * 2) end
  debug.sethook()
  for i = 1, 100 do x = coroutine.yield(x + 1) end
  return x
end)
local v = 1
while coroutine.status(co2) ~= "dead" do
  local ok, r = coroutine.resume(co2, v)
  v = r or v
end
print(v)
print(table.concat(events, " "))

-- a count hook in the coroutine stops an endless ping-pong with an error
local stopper = coroutine.create(function()
  debug.sethook(function() error("budget exhausted", 0) end, "", 1000)
  local x = 0
  while true do x = x + coroutine.yield(x) end
end)
local ok, err
for i = 1, 100000 do
  ok, err = coroutine.resume(stopper, 1)
  if not ok then break end
end
print(ok, err, coroutine.status(stopper))
