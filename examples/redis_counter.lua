-- A hit counter over HTTP/1.1 that keeps its counts in Redis, through Debian's unmodified
-- redis.lua (apt-get install lua-redis redis-server) on kraken's LuaSocket.
--   kraken examples/redis_counter.lua [port] [redis_port]
--   curl http://127.0.0.1:8080/hits/home      -> "home: 1", then "home: 2", ...
--   curl -X DELETE http://127.0.0.1:8080/hits/home
-- Every connection has its own Redis connection; while one waits for Redis, the others run.
local redis = require("redis")

local port = tonumber(arg and arg[1]) or 8080
local redisPort = tonumber(arg and arg[2]) or 6379

local function respond(client, status, body, keepAlive)
  return client:send("HTTP/1.1 " .. status .. "\r\nContent-Type: text/plain\r\nContent-Length: " .. #body ..
    (keepAlive and "\r\n\r\n" or "\r\nConnection: close\r\n\r\n") .. body)
end

-- One request and its answer; false when the connection should close.
local function serve(client, db)
  local request = client:receive()
  if not request then return false end
  local method, path, version = request:match("^(%u+) (%S+) HTTP/(%d%.%d)$")
  if not method then
    respond(client, "400 Bad Request", "bad request\n", false)
    return false
  end
  local keepAlive = version == "1.1"
  while true do -- the headers, up to the empty line
    local line = client:receive()
    if not line then return false end
    if line == "" then break end
    local name, value = line:match("^([^:]+):%s*(.-)%s*$")
    if name and name:lower() == "connection" then keepAlive = value:lower() ~= "close" end
  end
  local name = path:match("^/hits/([%w_-]+)$")
  if not name then
    respond(client, "404 Not Found", "try /hits/NAME\n", keepAlive)
  elseif method == "GET" or method == "POST" then
    respond(client, "200 OK", name .. ": " .. db:incr("hits:" .. name) .. "\n", keepAlive)
  elseif method == "DELETE" then
    db:del("hits:" .. name)
    respond(client, "200 OK", name .. ": reset\n", keepAlive)
  else
    respond(client, "405 Method Not Allowed", "GET, POST or DELETE\n", keepAlive)
  end
  return keepAlive
end

kraken.registerApplication(function(client)
  client:settimeout(30) -- idle keep-alive connections are closed after 30 s
  local ok, db = pcall(redis.connect, "127.0.0.1", redisPort)
  if not ok then
    respond(client, "503 Service Unavailable", "redis: " .. tostring(db) .. "\n", false)
    return
  end
  -- a Redis error (the server went away, say) ends this connection only; pcall lets it wait inside
  local served, err = pcall(function() while serve(client, db) do end end)
  if not served then respond(client, "500 Internal Server Error", tostring(err) .. "\n", false) end
  pcall(db.quit, db)
end)
assert(kraken.registerAddress{host = "127.0.0.1", port = port})
