-- LuaSocket UDP objects in blocking use on 127.0.0.1 and ::1: classes, sendto/receivefrom,
-- connected send/receive, timeouts, options, errors. The output holds no ports or addresses.
local socket = require("socket")

local function class(o) return (tostring(o):match("^[^:]*")) end
local function show(...)
  local t = {}
  for i = 1, select("#", ...) do t[i] = tostring((select(i, ...))) end
  print(table.concat(t, " | "))
end

print(socket._DATAGRAMSIZE)
local a = assert(socket.udp())
show(class(a), a:getfd(), a:getfamily(), getmetatable(a).__index.class, getmetatable(a)["udp{any}"], getmetatable(a)["select{able}"])
show(a:dirty(), a:settimeout(1), a:gettimeout())
show(pcall(a.send, a, "x"))
show(pcall(a.getpeername, a))
show(pcall(a.setoption, a, "bogus", 1))
show(a:getsockname())
show(a:setsockname("127.0.0.1", 0))
show(class(a), a:getfd() > 0, a:getfamily())
local host, port, family = a:getsockname()
show(host, type(port), family)
show(a:setoption("broadcast", true), a:getoption("broadcast"))
show(a:setoption("dontroute", false), a:getoption("dontroute"))
show(a:setoption("reuseaddr", true), a:getoption("reuseaddr"))
show(pcall(a.setoption, a, "broadcast", 1))
show(a:getoption("error"))
show(a:setoption("ip-multicast-ttl", 2), a:setoption("ip-multicast-loop", false), a:getoption("ip-multicast-loop"))
show(a:setoption("ip-multicast-if", "127.0.0.1"), a:getoption("ip-multicast-if"))
show(pcall(a.setoption, a, "ip-multicast-if", "nowhere"))
show(pcall(a.setoption, a, "ip-add-membership", {multiaddr = "nowhere", interface = "*"}))
show(pcall(a.setoption, a, "ip-add-membership", {interface = "*"}))

-- unconnected b sends to a
local b = assert(socket.udp())
show(b:getfd(), b:sendto("hello", "127.0.0.1", port))
show(class(b), b:getfd() > 0, b:getfamily())
local d1, h1, p1 = a:receivefrom()
show(d1, h1, type(p1))
local _, bport = b:getsockname()
show(b:sendto("0123456789", "127.0.0.1", port))
local data, fromhost, fromport = a:receivefrom(4)
show(data, fromhost, fromport == tonumber(bport))
show(b:sendto("", "127.0.0.1", port))
show(a:receive())
show(b:sendto("x", "localhost", port))
show(b:sendto("x", "127.0.0.1", "echo"))
show(b:sendto("x", "::1", port))
show(pcall(b.sendto, b, "x", "127.0.0.1"))

-- timeouts
a:settimeout(0)
show(a:receive())
local d1, h1, p1 = a:receivefrom()
show(d1, h1, type(p1))
a:settimeout(0.05)
show(a:receive())

-- connected
show(b:setpeername("127.0.0.1", port))
show(class(b), (b:getpeername()), select(3, b:getpeername()), type(select(2, b:getpeername())))
show(pcall(b.sendto, b, "x", "127.0.0.1", port))
show(pcall(b.receivefrom, b))
show(b:send("via send"))
a:settimeout(1)
show(a:receive())
show(a:sendto("reply", "127.0.0.1", bport))
show(b:receive())
show(b:setpeername("*"))
show(class(b))
show(pcall(b.getpeername, b))

-- select on datagram sockets
show(#socket.select({a}, nil, 0))
b:sendto("selected", "127.0.0.1", port)
local r = socket.select({a, b}, nil, 1)
show(#r, r[1] == a, r[a])
show(a:receive())

-- a connected socket whose peer is gone: the kernel's refusal
local gone = assert(socket.udp())
gone:setsockname("127.0.0.1", 0)
local _, goneport = gone:getsockname()
gone:close()
local c = assert(socket.udp())
show(c:setpeername("127.0.0.1", goneport))
show(c:send("anyone?"))
c:settimeout(1)
show(c:receive())

-- IPv6
local s6 = assert(socket.udp6())
show(class(s6), s6:getfamily())
show(s6:setsockname("::1", 0))
local _, port6 = s6:getsockname()
show(b:sendto("to six", "::1", port6))
local c6 = assert(socket.udp6())
show(c6:sendto("to six", "::1", port6))
s6:settimeout(1)
local d, h = s6:receivefrom()
show(d, h)
show(c6:sendto("x", "127.0.0.1", port6))

-- closed
show(a:close(), a:close(), a:getfd())
show(a:receive())
show(a:sendto("x", "127.0.0.1", port))
b:close(); c:close(); s6:close(); c6:close()
