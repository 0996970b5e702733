-- An experiment for docs/server.md ("CPU per request"), not part of run.sh: examples/http.lua's
-- parsing (the same patterns on the same lines), but the requests of one read are answered with
-- one send, as write coalescing in the host would do (GET only: no request bodies). Compare it
-- with examples/http.lua under wrk -s bench/server/pipeline.lua:
--   kraken bench/server/http_coalesced.lua [port]
local port = tonumber(arg and arg[1]) or 8080
local body = "Hello, world!\n"

local function handle(client)
  client:settimeout(30)
  local buf = ""
  while true do
    local chunk = client:rawrecv(4096)
    if not chunk then return end
    buf = buf .. chunk
    local out, pos, closing = {}, 1, false
    while true do
      local headersEnd = buf:find("\r\n\r\n", pos, true)
      if not headersEnd then break end
      local lineEnd = buf:find("\r\n", pos, true)
      local request = buf:sub(pos, lineEnd - 1)
      local method, path, version = request:match("^(%u+) (%S+) HTTP/(%d%.%d)$")
      if not method then
        client:send("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        return
      end
      local keepAlive = version == "1.1"
      local p = lineEnd + 2
      while p < headersEnd + 2 do
        local e = buf:find("\r\n", p, true)
        local line = buf:sub(p, e - 1)
        p = e + 2
        local name, value = line:match("^([^:]+):%s*(.-)%s*$")
        if name then
          name = name:lower()
          if name == "connection" then
            value = value:lower()
            if value == "close" then keepAlive = false elseif value == "keep-alive" then keepAlive = true end
          end
        end
      end
      out[#out + 1] = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " .. #body ..
        (keepAlive and "\r\n\r\n" or "\r\nConnection: close\r\n\r\n") .. body
      pos = headersEnd + 4
      if not keepAlive then closing = true break end
    end
    buf = buf:sub(pos)
    if #out > 0 then client:send(table.concat(out)) end
    if closing then return end
  end
end

kraken.registerApplication(handle)
assert(kraken.registerAddress{host = "127.0.0.1", port = port})
