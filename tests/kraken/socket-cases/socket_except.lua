-- socket.newtry, socket.protect, socket.try, socket.skip, socket.choose, sinks and sources.
local socket = require("socket")

local function show(...)
  local t = {}
  for i = 1, select("#", ...) do t[i] = tostring((select(i, ...))) end
  print(table.concat(t, " | "))
end

show(socket.skip(1, "a", "b", "c"))
show(socket.skip(0, 1, 2))
show(select("#", socket.skip(5, 1)))
show(pcall(socket.skip, "x"))

local finalized = 0
local try = socket.newtry(function() finalized = finalized + 1 end)
show(try(1, 2, 3))
show(try(true))
local ok, e = pcall(try, nil, "oops")
show(ok, type(e), e[1], getmetatable(e), finalized)
local ok, e = pcall(try, false)
show(ok, type(e), e[1], finalized)
local ok, e = pcall(socket.try, nil, "plain try")
show(ok, type(e), e[1])

local f = socket.protect(function(x, y)
  local v = try(x, "failed " .. tostring(x))
  return v, y
end)
show(f(1, "two"))
show(f(false))
show(finalized)
local g = socket.protect(function() error("a real error") end)
local ok, e = pcall(g)
show(ok, (tostring(e):gsub("^.-:%d+: ", "")))
local h = socket.protect(function() error({code = 7}) end)
local ok, e = pcall(h)
show(ok, type(e), e.code)
local nested = socket.protect(function()
  local inner = socket.protect(function() socket.try(nil, "inner") end)
  show("inner gave", inner())
  socket.try(nil, "outer")
end)
show(nested())

-- choose
local pick = socket.choose({
  a = function(x, y) return "a", x, y end,
  default = function(x, y) return "default", x, y end,
})
show(pick("a", 1, 2))
show(pick(1, 2))
show(pick(nil, 5))
show(pcall(pick, "zzz"))

-- sinks and sources over a connection
local server = assert(socket.bind("127.0.0.1", 0))
local _, port = server:getsockname()
local c = assert(socket.connect("127.0.0.1", port))
local a = assert(server:accept())
local sink = socket.sink("keep-open", c)
show(sink("hello "), sink("world\n"), sink(nil))
local closing = socket.sink("close-when-done", c)
show(closing("last\n"), closing(nil))
print(tostring(c):match("^[^:]*"), c:getfd())
show(pcall(socket.sink, "no-such-sink", c))
local byLength = socket.source("by-length", a, 8)
show(byLength(), byLength(), byLength())
local rest = socket.source(a)
show(rest())
show(rest(), rest())
a:close(); server:close()
