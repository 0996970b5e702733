-- setfd and getfd (LuaSocket: an object forgets its descriptor without closing it, and another
-- object may take it over). Everything on 127.0.0.1; the output holds no descriptors or ports.
local socket = require("socket")
local function show(...)
  local t = {}
  for i = 1, select("#", ...) do t[i] = tostring((select(i, ...))) end
  print(table.concat(t, " | "))
end

-- a master has no descriptor until bind or connect; giving it to a server leaves the server without one
local d = assert(socket.bind("127.0.0.1", 0))
local c = socket.tcp()
show(c:getfd(), d:getfd() >= 0)
d:setfd(c:getfd())
show(d:getfd())
d:settimeout(2)
show(d:accept())
show(d:getsockname())

-- a server forgets its open listening descriptor; another object takes it over and it still listens
local s = assert(socket.bind("127.0.0.1", 0))
local _, port = s:getsockname()
local fd = s:getfd()
s:setfd(-1)
show(s:getfd(), s:accept())
local t = socket.tcp()
t:setfd(fd)
show(t:getfd() == fd, t:getsockname() == "127.0.0.1")
local client = assert(socket.connect("127.0.0.1", port))
show(client:send("over the adopted descriptor\n"))
client:close()

-- the same descriptor given again changes nothing
local u = assert(socket.bind("127.0.0.1", 0))
local ufd = u:getfd()
u:setfd(ufd)
show(u:getfd() == ufd, (u:getsockname()))
u:close()
show(u:getfd())
