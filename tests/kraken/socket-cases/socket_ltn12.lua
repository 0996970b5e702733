-- ltn12 and mime (the Lua-level filters, sources, sinks and pumps) on mime.core, and a source
-- and a sink over a socket.
local ltn12 = require("ltn12")
local mime = require("mime")
local socket = require("socket")

local function show(...)
  local t = {}
  for i = 1, select("#", ...) do
    local v = select(i, ...)
    t[i] = type(v) == "string" and string.format("%q", v) or tostring(v)
  end
  print(table.concat(t, " | "))
end

print(ltn12._VERSION, ltn12.BLOCKSIZE, mime._VERSION)

-- a filter that splits its input into pieces of 3 bytes (it must be drained with "")
local function splitter()
  local pending = ""
  return function(chunk)
    if chunk then pending = pending .. chunk end
    local piece = pending:sub(1, 3)
    pending = pending:sub(4)
    if chunk == nil and piece == "" then return nil end
    return piece
  end
end
-- a filter that merges its input into pieces of at least 5 bytes
local function merger()
  local pending = ""
  return function(chunk)
    if chunk == nil then
      local rest = pending
      pending = ""
      if rest == "" then return nil end
      return rest
    end
    pending = pending .. chunk
    if #pending >= 5 then
      local out = pending
      pending = ""
      return out
    end
    return ""
  end
end
local upper = function(chunk) return chunk and chunk:upper() end

local function run(src, snk)
  local t = {}
  local ok, err = ltn12.pump.all(src, snk or ltn12.sink.table(t))
  return ok, err, table.concat(t)
end

local text = "the quick brown fox jumps over the lazy dog"
show(run(ltn12.source.string(text)))
show(run(ltn12.source.chain(ltn12.source.string(text), splitter())))
show(run(ltn12.source.chain(ltn12.source.string(text), splitter(), upper, merger())))
show(run(ltn12.source.chain(ltn12.source.table({"a", "bc", "", "def", "ghij"}), ltn12.filter.chain(merger(), splitter()))))
local collected = {}
show(ltn12.pump.all(ltn12.source.string(text), ltn12.sink.chain(splitter(), upper, merger(), (ltn12.sink.table(collected)))))
show(table.concat(collected))
show(run(ltn12.source.cat(ltn12.source.string("one "), ltn12.source.empty(), ltn12.source.string("two"))))
show(run(ltn12.source.error("broken")))
show(ltn12.pump.all(ltn12.source.string(text), ltn12.sink.error("refused")))
show(ltn12.pump.all(ltn12.source.string(text), ltn12.sink.null()))
local rewound = ltn12.source.rewind(ltn12.source.string("abc"))
local first = rewound()
rewound("X")
rewound(first)
show(rewound(), rewound(), rewound())
local steps = 0
show(ltn12.pump.all(ltn12.source.string(("x"):rep(5000)), ltn12.sink.null(), function(src, snk)
  steps = steps + 1
  return ltn12.pump.step(src, snk)
end), steps)
local simple = ltn12.source.simplify(function() return nil, ltn12.source.string("replaced") end)
show(simple(), simple())
local cycled = ltn12.filter.cycle(function(ctx, chunk, extra)
  if not chunk then return nil, ctx end
  return chunk .. extra .. ctx, ctx + 1
end, 1, "#")
show(cycled("a"), cycled("b"), cycled(nil))

-- mime filters through ltn12
local binary = {}
for i = 0, 255 do binary[#binary + 1] = string.char(i) end
binary = table.concat(binary)
local _, _, b64 = run(ltn12.source.chain(ltn12.source.string(binary), mime.encode("base64"), mime.wrap("base64")))
print(#b64, b64:sub(1, 30), b64:sub(-30))
local _, _, back = run(ltn12.source.chain(ltn12.source.string(b64), mime.decode("base64")))
print(back == binary)
local _, _, qp = run(ltn12.source.chain(ltn12.source.string("caf\233 \r\nline two\t\r\n" .. ("long "):rep(20)),
  mime.normalize(), mime.encode("quoted-printable"), mime.wrap("quoted-printable")))
show(qp)
local _, _, unqp = run(ltn12.source.chain(ltn12.source.string(qp), mime.decode("quoted-printable")))
show(unqp)
show(run(ltn12.source.chain(ltn12.source.string("a\nb\r\nc\rd\n\n"), mime.normalize("|"))))
show(run(ltn12.source.chain(ltn12.source.string(".one\r\n.two\r\n"), mime.stuff())))
show(run(ltn12.source.chain(ltn12.source.string(("w"):rep(30)), mime.wrap("text", 8))))
show(run(ltn12.source.chain(ltn12.source.string("x"), mime.encode("quoted-printable", "binary"))))
show(pcall(mime.encode, "rot13"))

-- a socket source and sink
local server = assert(socket.bind("127.0.0.1", 0))
local _, port = server:getsockname()
local c = assert(socket.connect("127.0.0.1", port))
local a = assert(server:accept())
show(ltn12.pump.all(ltn12.source.string(text), socket.sink("close-when-done", c)))
show(run(socket.source("until-closed", a)))
a:close()
server:close()
