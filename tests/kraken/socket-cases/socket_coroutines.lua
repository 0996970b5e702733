-- LuaSocket calls inside coroutines that the script resumes itself: they block as LuaSocket's
-- do (under kraken the loop turns inside them), and the coroutines interleave only where the
-- script resumes them.
local socket = require("socket")

local server = assert(socket.bind("127.0.0.1", 0))
local _, port = server:getsockname()
server:settimeout(2)

local log = {}
local function note(s) log[#log + 1] = s end

local echo = coroutine.create(function()
  local conn = assert(server:accept())
  conn:settimeout(2)
  note("accepted")
  for i = 1, 3 do
    local line = assert(conn:receive())
    note("echo " .. line)
    conn:send(line:upper() .. "\n")
    coroutine.yield()
  end
  conn:close()
end)

local c = assert(socket.connect("127.0.0.1", port))
c:settimeout(2)
for i = 1, 3 do
  c:send("msg" .. i .. "\n")
  assert(coroutine.resume(echo)) -- accepts (the first time), echoes one line, yields
  note("client got " .. tostring(c:receive()))
end
print(coroutine.resume(echo))
print(coroutine.status(echo))
print(c:receive())
print(table.concat(log, "\n"))
