-- call and return hooks with the function names seen by getinfo
local events = {}
local function hook(event)
  local info = debug.getinfo(2, "nS")
  events[#events + 1] = event .. ":" .. tostring(info.name) .. ":" .. info.what
end
local function leaf(x) return x + 1 end
local function mid(x) return leaf(x) * 2 end
local function top(x) local r = mid(x); return r end
debug.sethook(hook, "cr")
top(1)
debug.sethook()
for i, e in ipairs(events) do print(i, e) end
events = {}
debug.sethook(hook, "c")
local s = string.rep("a", 2)
debug.sethook()
print(table.concat(events, " "))
events = {}
debug.sethook(hook, "r")
print(#s)
debug.sethook()
print(table.concat(events, " "))
