-- an event dispatcher with callbacks: listeners (closures and methods bound to objects) are
-- registered per event name, emitted with varargs, some are one-shot and remove themselves.
local Emitter = {}
Emitter.__index = Emitter
function Emitter.new() return setmetatable({handlers = {}}, Emitter) end
function Emitter:on(name, fn)
  local list = self.handlers[name]
  if not list then list = {}; self.handlers[name] = list end
  list[#list + 1] = fn
  return fn
end
function Emitter:off(name, fn)
  local list = self.handlers[name]
  for i = #list, 1, -1 do if list[i] == fn then table.remove(list, i) return true end end
  return false
end
function Emitter:once(name, fn)
  local wrapper
  wrapper = function(...) self:off(name, wrapper); return fn(...) end
  return self:on(name, wrapper)
end
function Emitter:emit(name, ...)
  local list = self.handlers[name]
  if not list then return 0 end
  local n = #list
  local snapshot = {unpack(list, 1, n)}
  for i = 1, n do snapshot[i](...) end
  return n
end

local function bind(obj, method) return function(...) return obj[method](obj, ...) end end

local Counter = {}
Counter.__index = Counter
function Counter.new() return setmetatable({count = 0, sum = 0}, Counter) end
function Counter:onData(x, y) self.count = self.count + 1; self.sum = self.sum + x * y end
function Counter:onReset() self.sum = self.sum % 1000 end

local bus = Emitter.new()
local counters = {}
for i = 1, 8 do
  local c = Counter.new()
  counters[i] = c
  bus:on("data", bind(c, "onData"))
  bus:on("reset", bind(c, "onReset"))
end
local log = 0
bus:on("data", function(x, y) log = log + (x + y) % 3 end)
local fired, onces = 0, 0
for step = 1, 400000 do
  fired = fired + bus:emit("data", step % 17, step % 5)
  if step % 10 == 0 then bus:once("tick", function(n) onces = onces + n end) end
  if step % 25 == 0 then fired = fired + bus:emit("tick", step % 7) end
  if step % 1000 == 0 then bus:emit("reset") end
  bus:emit("nobody listens", step)
end
local total = 0
for _, c in ipairs(counters) do total = total + c.count + c.sum end
print(fired, onces, log, total)
