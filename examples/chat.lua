-- A chat room: every line a client sends goes to every other client.
--   kraken examples/chat.lua [port]      then, in two terminals: telnet 127.0.0.1 8081
-- Each connection's coroutine reads its own client; a line is handed to the others by the
-- loop's coroutines, so a slow client only delays itself (its sends wait, the rest go on).
-- With "demo" as the second argument, two bot clients (kraken.spawn + connect) talk, then stop.
local port = tonumber(arg and arg[1]) or 8081
local members = {} -- client socket -> name

local function broadcast(from, text)
  for client in pairs(members) do
    if client ~= from then
      kraken.spawn(function() client:send(text) end) -- never let one slow reader hold the sender
    end
  end
end

kraken.registerApplication(function(client, address)
  local name = address.host .. ":" .. address.port
  client:send("welcome, " .. name .. "\n")
  members[client] = name
  broadcast(client, name .. " joined\n")
  while true do
    local line = client:receive()
    if not line or line == "/quit" then break end
    broadcast(client, name .. ": " .. line .. "\n")
  end
  members[client] = nil
  broadcast(client, name .. " left\n")
end)
assert(kraken.registerAddress{host = "127.0.0.1", port = port})

if arg and arg[2] == "demo" then
  local function bot(says, hears)
    local c = assert(kraken.socket())
    assert(c:connect{host = "127.0.0.1", port = port})
    print("bot " .. says .. " got: " .. c:receive())
    kraken.sleep(0.1) -- both bots are in the room
    c:send(says .. "\n")
    for _ = 1, hears do print("bot " .. says .. " got: " .. (c:receive():gsub("%d+%.%d+%.%d+%.%d+:%d+", "someone"))) end
    c:send("/quit\n")
    c:close()
  end
  kraken.spawn(function()
    kraken.spawn(bot, "hello", 2)
    kraken.sleep(0.05)
    bot("hi", 1)
    kraken.sleep(0.2)
    kraken.stop()
  end)
end
