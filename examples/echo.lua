-- An echo server: every line a client sends comes back to it.
--   kraken examples/echo.lua [port]      then: nc 127.0.0.1 8080
-- Each connection runs this function in its own coroutine; receive and send wait without
-- blocking the other connections.
local port = tonumber(arg and arg[1]) or 8080

kraken.registerApplication(function(client, address)
  client:settimeout(60) -- an idle client is dropped after a minute
  while true do
    local line, err = client:receive()
    if not line then break end -- "closed" or "timeout"
    client:send(line .. "\n")
  end
  -- returning closes the connection
end)

assert(kraken.registerAddress{host = "127.0.0.1", port = port})
