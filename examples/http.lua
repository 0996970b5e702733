-- HTTP/1.1 "hello world" with keep-alive: many requests per connection.
--   kraken examples/http.lua [port]      then: curl http://127.0.0.1:8080/
-- Reads the request line and headers, a Content-Length body if any, answers, and keeps the
-- connection open unless the client asked for "Connection: close" (or spoke HTTP/1.0).
local port = tonumber(arg and arg[1]) or 8080
local body = "Hello, world!\n"

local function handle(client)
  client:settimeout(30) -- idle keep-alive connections are closed after 30 s
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
    while true do -- headers, up to the empty line
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

kraken.registerApplication(handle)
assert(kraken.registerAddress{host = "127.0.0.1", port = port})
