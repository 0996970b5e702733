-- socket.select in blocking use: ready sets as arrays that also map each socket to its index,
-- "timeout" with two empty tables, buffered ("dirty") sockets at once, non-blocking connect.
local socket = require("socket")

local function show(...)
  local t = {}
  for i = 1, select("#", ...) do
    local v = select(i, ...)
    t[i] = type(v) == "table" and ("{" .. #v .. "}") or tostring(v)
  end
  print(table.concat(t, " | "))
end

local server = assert(socket.bind("127.0.0.1", 0))
local _, port = server:getsockname()

-- nothing ready
show(socket.select({server}, nil, 0))
show(socket.select({server}, {}, 0.05))
show(socket.select(nil, nil, 0.01))
show(select("#", socket.select({}, {}, 0)))
show(pcall(socket.select, 1, nil, 0))
show(pcall(socket.select, nil, "x", 0))

-- a non-blocking connect: "timeout", then writable, then "already connected"
local c = socket.tcp()
c:settimeout(0)
show(c:connect("127.0.0.1", port))
print(tostring(c):match("^[^:]*"))
local r, w = socket.select(nil, {c}, 2)
show(r, w, w[1] == c, w[c])
local ok, err = c:connect("127.0.0.1", port)
print(ok == 1 or err == "already connected")
show(c:connect("127.0.0.1", port))

-- the server is readable: a connection is pending
local r, w = socket.select({server}, nil, 2)
show(r, w, r[1] == server, r[server])
server:settimeout(0)
local a = server:accept()
print(tostring(a):match("^[^:]*"))

-- readable once data arrives; both directions; duplicates returned once
show(socket.select({a}, nil, 0))
c:send("one\ntwo\n")
local r, w = socket.select({a, server, a}, {a}, 2)
show(r, w, r[1] == a, r[a], w[1] == a, w[a])
a:settimeout(1)
show(a:receive())
-- "two\n" is buffered inside the object now: dirty, so select returns it at once
show(a:dirty())
local r = socket.select({server, a}, nil, 10)
show(r, r[1] == a)
show(a:receive())
show(a:dirty())

-- closed sockets are left out; a closed peer makes a socket readable
local b = socket.connect("127.0.0.1", port)
local bb = server:accept()
b:close()
show(socket.select({b}, nil, 0))
local r = socket.select({bb}, nil, 2)
show(r, r[1] == bb)
show(bb:receive())

-- objects with getfd and dirty methods stand for sockets (socket.lua's sinks and sources)
local wrapper = setmetatable({}, {__index = {getfd = function() return a:getfd() end, dirty = function() return false end}})
c:send("three\n")
local r = socket.select({wrapper}, nil, 2)
show(r, r[1] == wrapper, r[wrapper])
show(a:receive())
local source = socket.source("until-closed", a)
show(type(source.getfd()), source.dirty())

-- sleep returns nothing
show(socket.sleep(0.01))
show(socket.sleep(-1))
c:close(); a:close(); bb:close(); server:close()
