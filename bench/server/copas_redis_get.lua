-- copas side of the Redis benchmark: bench/server/redis_app.lua on lua5.1 + LuaSocket + copas.
--   lua5.1 bench/server/copas_redis_get.lua PORT REDIS_PORT
local socket = require("socket")
local copas = require("copas")
local redis = require("redis")
local here = arg[0]:match("^(.*/)") or "./"
local app = dofile(here .. "redis_app.lua")
local port, redisPort = tonumber(arg[1]) or 8080, tonumber(arg[2]) or 6379

redis.connect("127.0.0.1", redisPort):set(app.key, app.value)

copas.addserver(assert(socket.bind("127.0.0.1", port, 1024)), function(raw)
  raw:setoption("tcp-nodelay", true) -- as kraken does for every connection
  local client = copas.wrap(raw)
  -- redis.lua takes a ready socket: copas's connect and wrap make its calls yield to copas
  local r = socket.tcp()
  assert(copas.connect(r, "127.0.0.1", redisPort))
  r:setoption("tcp-nodelay", true) -- as redis.lua's own connect does
  local db = redis.connect({socket = copas.wrap(r)})
  app.serve(client, db)
  r:close()
end)
copas.loop()
