-- The same HTTP/1.1 keep-alive hello world as examples/http.lua, on lua5.1 + LuaSocket + copas:
-- the peer kraken is compared with in bench/server/run.sh.
local socket = require("socket")
local copas = require("copas")
local port = tonumber(arg[1]) or 8080
local body = "Hello, world!\n"

local function handle(raw)
  raw:setoption("tcp-nodelay", true) -- as kraken does for every connection: pipelined replies must not wait for ACKs
  local client = copas.wrap(raw)
  while true do
    local request = client:receive()
    if not request then return end
    local method, path, version = request:match("^(%u+) (%S+) HTTP/(%d%.%d)$")
    if not method then
      client:send("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
      return
    end
    local keepAlive = version == "1.1"
    local length = 0
    while true do
      local line = client:receive()
      if not line then return end
      if line == "" then break end
      local name, value = line:match("^([^:]+):%s*(.-)%s*$")
      if name then
        name = name:lower()
        if name == "content-length" then length = tonumber(value) or 0
        elseif name == "connection" then
          value = value:lower()
          if value == "close" then keepAlive = false elseif value == "keep-alive" then keepAlive = true end
        end
      end
    end
    if length > 0 and not client:receive(length) then return end
    client:send("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " .. #body ..
      (keepAlive and "\r\n\r\n" or "\r\nConnection: close\r\n\r\n") .. body)
    if not keepAlive then return end
  end
end

copas.addserver(assert(socket.bind("127.0.0.1", port, 1024)), handle)
copas.loop()
