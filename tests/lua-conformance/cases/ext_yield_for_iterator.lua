-- EXTENSION (lua5.1 raises "attempt to yield across metamethod/C-call boundary" here):
-- a generic-for iterator may yield, whether it is a Lua function or a native one.
local function iter(s, i) if i < 3 then coroutine.yield("in iterator " .. i); return i + 1 end end
local co = coroutine.wrap(function() for i in iter, nil, 0 do print("loop", i) end return "done" end)
print(co()); print(co()); print(co()); print(co())
local co2 = coroutine.wrap(function()
  local n = 0
  for v in coroutine.yield, "ignored" do n = n + 1; print("got", v); if n == 3 then break end end
  for k, v in pairs({a = 1}) do print(k, v) end
  return "finished"
end)
print(co2()); print(co2("x")); print(co2("y")); print(co2("z"))
