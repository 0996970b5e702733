-- kraken side of the Redis benchmark: bench/server/redis_app.lua on kraken's LuaSocket.
--   kraken bench/server/redis_get.lua PORT REDIS_PORT
local redis = require("redis")
local here = arg[0]:match("^(.*/)") or "./"
local app = dofile(here .. "redis_app.lua")
local port, redisPort = tonumber(arg[1]) or 8080, tonumber(arg[2]) or 6379

redis.connect("127.0.0.1", redisPort):set(app.key, app.value) -- a blocking call: the main chunk

kraken.registerApplication(function(client)
  local db = redis.connect("127.0.0.1", redisPort) -- waits on the loop: this is a connection
  app.serve(client, db)
  db:quit()
end)
assert(kraken.registerAddress{host = "127.0.0.1", port = port})
