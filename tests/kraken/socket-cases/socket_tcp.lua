-- LuaSocket TCP objects in blocking use (the main chunk): classes, send/receive results, timeouts,
-- closed sockets, options. Everything on 127.0.0.1; the output holds no ports or addresses.
local socket = require("socket")

local function class(o) return (tostring(o):match("^[^:]*")) end
local function show(...)
  local t = {}
  for i = 1, select("#", ...) do t[i] = tostring((select(i, ...))) end
  print(table.concat(t, " | "))
end

print(socket._VERSION, socket._SETSIZE, socket._SOCKETINVALID, socket.BLOCKSIZE)
print(type(socket.gettime()), socket.gettime() > 1e9)

-- a master has no socket yet; the wrong class is an argument error
local m = socket.tcp()
show(class(m), m:getfd(), m:getfamily(), getmetatable(m).__index.class, getmetatable(m)["tcp{any}"])
show(m:getsockname())
show(m:getoption("reuseaddr"))
show(pcall(m.send, m, "x"))
show(pcall(m.accept, m))
show(pcall(m.getoption, m, "bogus"))
show(m:settimeout(1), m:gettimeout())
show(m:settimeout(2, "t"), m:gettimeout())
show(m:settimeout(nil), m:gettimeout())
show(pcall(m.settimeout, m, 1, "x"))
show(m:listen())

-- master -> server
local server = socket.tcp()
show(server:setoption("reuseaddr", true), server:getoption("reuseaddr"))
show(server:bind("127.0.0.1", 0))
show(class(server), server:getfd() > 0, server:getfamily())
show(pcall(server.bind, server, "127.0.0.1", 0))
show(server:listen(16))
show(class(server))
local host, port, family = server:getsockname()
show(host, type(port), family)

-- master -> client
local c = socket.tcp()
show(c:connect("127.0.0.1", port))
show(class(c), (c:getpeername()), select(3, c:getpeername()), type(select(2, c:getpeername())))
show(c:connect("127.0.0.1", port))
local a = server:accept()
show(class(a), (a:getpeername()), a:getfamily())
show(a:setoption("tcp-nodelay", true), a:getoption("tcp-nodelay"))
show(a:setoption("keepalive", false), a:getoption("keepalive"))
show(pcall(a.setoption, a, "keepalive", 1))
show(a:setoption("linger", {on = false, timeout = 0}), a:getoption("linger").on)
show(pcall(a.setoption, a, "linger", {on = 1}))
show(pcall(a.setoption, a, "linger", {on = true}))
show(a:getoption("error"))

-- send: the index of the last byte sent
show(c:send("hello\r\nworld\n12345abc"))
show(c:send("0123456789", 3, 5))
show(c:send("0123456789", -3))
show(c:send("0123456789", 8, 2))
show(c:send(""))
show(select("#", c:send("")))
show(c:send("0123456789", 0, 100))
show(c:send(42))

-- receive: lines, counts, prefixes
show(a:receive())
show(a:receive("*l"))
show(a:receive(5))
show(a:receive(6, "ab"))
show(a:receive(2, "abc"))
show(a:receive(0))
show(a:receive("5"))
show(a:dirty())
show(pcall(a.receive, a, "x"))
show(pcall(a.receive, a, -1))
-- a timeout gives what arrived
a:settimeout(0)
show(a:receive())
show(a:receive("*a"))
show(a:receive(3))
show(a:receive(0))
a:settimeout(0.05)
show(a:receive(10, "pre"))
show(a:receive(0))
show(a:receive("*l", "pre"))
local received, sent = a:getstats()
show(received, sent)
local creceived, csent, cage = c:getstats()
show(creceived, csent, type(cage))
show(a:setstats(1, 2, 100), (a:getstats()), (select(2, a:getstats())), select(3, a:getstats()) >= 100)

-- the peer closes: partial results, then "closed"
c:send("tail\nno newline")
show(c:shutdown("send"))
a:settimeout(1)
show(a:receive())
show(a:receive())
show(a:receive())
show(a:receive("*a"))
show(a:receive(1))
show(c:close(), c:close(), class(c), c:getfd())
show(c:send("x"))
show(c:receive())
show(c:getpeername())
show(pcall(c.shutdown, c, "sideways"))

-- "*a" gets everything until the close
local c2 = socket.connect("127.0.0.1", port)
local a2 = server:accept()
c2:send("line one\r\nline two\r\n")
c2:close()
show(a2:receive("*a"))
show(a2:receive("*a"))
a2:close()
a:close()

-- accept with a timeout
server:settimeout(0)
show(server:accept())
server:settimeout(0.05)
show(server:accept())
show(server:close())
show(server:accept())

-- connecting where nobody listens
show(socket.connect("127.0.0.1", port))
local r = socket.tcp()
show(r:connect("127.0.0.1", port))
show(class(r))
show(socket.connect("127.0.0.1", "no-such-service"))

-- tcp4 and tcp6
local s4, s6 = socket.tcp4(), socket.tcp6()
show(class(s4), s4:getfamily(), class(s6), s6:getfamily())
show(s6:bind("::1", 0), (s6:getsockname()), select(3, s6:getsockname()))
show(s6:listen())
local _, port6 = s6:getsockname()
local c6 = socket.connect("::1", port6)
local a6 = s6:accept()
show((c6:getpeername()), select(3, c6:getpeername()))
c6:send("six\n")
show(a6:receive())
show(s4:connect("::1", port6))
c6:close(); a6:close(); s6:close(); s4:close()

-- UDP is there too (socket_udp.lua)
print(type(socket.udp))

-- a send to a peer that has closed: it fails with "closed" and the count of bytes that reached
-- the kernel first (LuaSocket writes 8192 bytes per system call, so on an idle machine the first
-- step gets through and the next finds the connection reset; when the reset comes depends on
-- the kernel, so only the shape of the result is printed)
do
  local l = assert(socket.bind("127.0.0.1", 0))
  local _, lport = l:getsockname()
  local c = assert(socket.connect("127.0.0.1", lport))
  local a = assert(l:accept())
  a:close()
  show(c:receive()) -- the peer's end of stream: "closed"
  local data = string.rep("ugauga", 100000)
  local sent, err, last = c:send(data)
  show(sent, err, type(last), last < #data)
  c:close(); l:close()
end
