-- socket.dns on addresses that need no outside resolver: IP literals and services.
local socket = require("socket")

local function show(...)
  local t = {}
  for i = 1, select("#", ...) do t[i] = tostring((select(i, ...))) end
  print(table.concat(t, " | "))
end

local list = socket.dns.getaddrinfo("127.0.0.1")
show(#list, list[1].family, list[1].addr)
local list = socket.dns.getaddrinfo("::1")
show(#list, list[1].family, list[1].addr)
local ip, resolved = socket.dns.toip("127.0.0.1")
show(ip, resolved.ip[1], #resolved.ip, type(resolved.name), type(resolved.alias))
local names, service = socket.dns.getnameinfo(nil, "80")
show(#names, service)
local names, service = socket.dns.getnameinfo(nil, "http")
show(#names, service)
show(socket.dns.getnameinfo(nil, "no-such-service"))
local ok, err = pcall(socket.dns.getnameinfo)
show(ok, err)
show(type(socket.dns.gethostname()))
show(pcall(socket.dns.toip))
