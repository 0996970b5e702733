-- The app of the Redis benchmark (bench/server/run.sh with APP=redis): HTTP/1.1 keep-alive like
-- examples/http.lua, where every request's answer is the value of one Redis GET, made through
-- Debian's unmodified redis.lua (lua-redis) on the connection's own Redis connection.
-- redis_get.lua runs it on kraken, copas_redis_get.lua on lua5.1 + LuaSocket + copas.
local key = "bench:greeting"

local app = {key = key, value = "Hello, world!\n"}

-- Serves one HTTP connection (client: receive and send as LuaSocket's) with the Redis client db.
function app.serve(client, db)
  while true do
    local request = client:receive()
    if not request then return end
    local method, path, version = request:match("^(%u+) (%S+) HTTP/(%d%.%d)$")
    if not method then
      client:send("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
      return
    end
    local keepAlive = version == "1.1"
    while true do -- the headers, up to the empty line
      local line = client:receive()
      if not line then return end
      if line == "" then break end
      local name, value = line:match("^([^:]+):%s*(.-)%s*$")
      if name and name:lower() == "connection" then
        value = value:lower()
        if value == "close" then keepAlive = false elseif value == "keep-alive" then keepAlive = true end
      end
    end
    local body = db:get(key) or "(no value)\n"
    client:send("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " .. #body ..
      (keepAlive and "\r\n\r\n" or "\r\nConnection: close\r\n\r\n") .. body)
    if not keepAlive then return end
  end
end

return app
