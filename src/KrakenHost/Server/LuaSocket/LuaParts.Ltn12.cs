namespace KrakenHost.Server.LuaSocket;

// ltn12 and mime, the Lua-level modules of LuaSocket's filters, sources, sinks and pumps (LTN012
// and LuaSocket's ltn12.html and mime.html), written here. Built in for when Debian's files are
// not on package.path; when they are, they win.
internal static partial class LuaParts
{
    /// <summary>ltn12: filters, sources, sinks and pumps.</summary>
    public const string Ltn12 = """
        local select, type, unpack, error = select, type, unpack, error
        local insert, remove = table.insert, table.remove

        local ltn12 = { _VERSION = "LTN12 1.0.3", BLOCKSIZE = 2048 }
        local filter, source, sink, pump = {}, {}, {}, {}
        ltn12.filter, ltn12.source, ltn12.sink, ltn12.pump = filter, source, sink, pump

        -- The filter protocol (LTN012): f(data) returns output, and f("") more output for the
        -- same data, until it returns ""; then it takes new data. At the end of the stream,
        -- f(nil) returns the rest, piece by piece, until it returns nil. A chain keeps that
        -- protocol with each filter it holds, so the filters see no call out of turn.

        function filter.cycle(low, context, extra)
          return function(chunk)
            local out
            out, context = low(context, chunk, extra)
            return out
          end
        end

        local function chain2(a, b)
          local aOut, bOut = "", ""       -- each filter's last output: "" idle, a string to drain, nil done
          local aEnded, bEnded = false, false
          -- x came out of a: give it to b, and ask a for more while b only absorbs
          local function through(x)
            while true do
              if x == "" then return "" end
              bOut = b(x)
              if bOut ~= "" then return bOut end
              aOut = a("")
              x = aOut
            end
          end
          return function(chunk)
            if chunk == nil then
              while true do
                if not bEnded and bOut ~= "" and bOut ~= nil then
                  bOut = b("")
                  if bOut ~= "" then return bOut end
                end
                if aEnded then
                  bEnded = true
                  bOut = b(nil)
                  return bOut
                end
                aOut = a(nil)
                if aOut == nil then
                  aEnded = true
                elseif aOut ~= "" then
                  bOut = b(aOut)
                  if bOut ~= "" then return bOut end
                end
              end
            elseif chunk == "" then
              if bOut ~= "" then
                bOut = b("")
                if bOut ~= "" then return bOut end
              end
              if aOut == "" then return "" end
              aOut = a("")
              return through(aOut)
            else
              aOut = a(chunk)
              return through(aOut)
            end
          end
        end

        function filter.chain(...)
          local n = select("#", ...)
          local chained = (...)
          for i = 2, n do chained = chain2(chained, (select(i, ...))) end
          return chained
        end

        function source.empty()
          return function() return nil end
        end

        function source.error(err)
          return function() return nil, err end
        end

        function source.file(handle, err)
          if not handle then return source.error(err or "unable to open file") end
          return function()
            local chunk = handle:read(ltn12.BLOCKSIZE)
            if not chunk then handle:close() end
            return chunk
          end
        end

        -- a fancy source may answer nil and the source that replaces it: the simple one answers
        -- that nil (with the replacement) and pulls from the replacement from then on
        function source.simplify(src)
          return function()
            local chunk, extra = src()
            if type(extra) == "function" then src = extra end
            if chunk == nil then return nil, extra end
            return chunk
          end
        end

        function source.string(s)
          if not s then return source.empty() end
          local at = 1
          return function()
            local chunk = s:sub(at, at + ltn12.BLOCKSIZE - 1)
            at = at + ltn12.BLOCKSIZE
            if chunk == "" then return nil end
            return chunk
          end
        end

        function source.table(t)
          local i = 0
          return function()
            i = i + 1
            return t[i]
          end
        end

        -- rewound(chunk) pushes a chunk back; rewound() gives the pushed chunks first
        function source.rewind(src)
          local stack = {}
          return function(chunk)
            if chunk ~= nil then
              stack[#stack + 1] = chunk
              return
            end
            if #stack > 0 then return remove(stack) end
            return src()
          end
        end

        function source.chain(src, f, ...)
          if select("#", ...) > 0 then f = filter.chain(f, ...) end
          local out, ending, ended = "", false, false
          return function()
            while true do
              if ending then
                if ended then return nil end
                out = f(nil)
                if out == nil then ended = true end
                return out
              end
              if out ~= "" then
                out = f("")
                if out ~= "" then return out end
              end
              local chunk, err = src()
              if err then return nil, err end
              if chunk == nil then
                ending = true
              elseif chunk ~= "" then
                out = f(chunk)
                if out ~= "" then return out end
              end
            end
          end
        end

        function source.cat(...)
          local sources = { ... }
          local n, i = select("#", ...), 1
          return function()
            while i <= n do
              local chunk, err = sources[i]()
              if chunk then return chunk end
              if err then return nil, err end
              i = i + 1
            end
            return nil
          end
        end

        function sink.table(t)
          t = t or {}
          return function(chunk)
            if chunk then t[#t + 1] = chunk end
            return 1
          end, t
        end

        -- a fancy sink may answer 1 and the sink that replaces it
        function sink.simplify(snk)
          return function(chunk, err)
            local ok, extra = snk(chunk, err)
            if not ok then return nil, extra end
            if type(extra) == "function" then snk = extra end
            return 1
          end
        end

        function sink.file(handle, err)
          if not handle then return sink.error(err or "unable to open file") end
          return function(chunk)
            if not chunk then
              handle:close()
              return 1
            end
            return handle:write(chunk)
          end
        end

        function sink.null()
          return function() return 1 end
        end

        function sink.error(err)
          return function() return nil, err end
        end

        -- sink.chain(f1, ..., fn, snk): the data goes through the filters, then into snk
        function sink.chain(f, snk, ...)
          local extra = select("#", ...)
          if extra > 0 then
            local all = { f, snk, ... }
            snk = all[extra + 2]
            f = filter.chain(unpack(all, 1, extra + 1))
          end
          return function(chunk, err)
            if chunk == nil then
              repeat
                local out = f(nil)
                local ok, serr = snk(out, err)
                if not ok then return nil, serr end
              until out == nil
              return 1
            end
            if chunk == "" then return 1 end
            local out = f(chunk)
            while out ~= "" do
              local ok, serr = snk(out, err)
              if not ok then return nil, serr end
              out = f("")
            end
            return 1
          end
        end

        function pump.step(src, snk)
          local chunk, srcErr = src()
          local ok, snkErr = snk(chunk, srcErr)
          if chunk and ok then return 1 end
          return nil, srcErr or snkErr
        end

        function pump.all(src, snk, step)
          step = step or pump.step
          while true do
            local ok, err = step(src, snk)
            if not ok then
              if err then return nil, err end
              return 1
            end
          end
        end

        return ltn12
        """;

    /// <summary>mime: mime.core plus the filter factories encode, decode, wrap, normalize and stuff.</summary>
    public const string Mime = """
        local core = require("mime.core")
        local ltn12 = require("ltn12")
        local type, tostring, error = type, tostring, error
        local cycle = ltn12.filter.cycle

        local mime = core -- the module is mime.core's table, extended

        -- each factory table is used through a chooser: f(name, ...) or f(...) for "default"
        local function chooser(factories)
          return function(name, a, b)
            if type(name) ~= "string" then name, a, b = "default", name, a end
            local make = factories[name or "nil"]
            if not make then error("unknown key (" .. tostring(name) .. ")", 3) end
            return make(a, b)
          end
        end

        local encodet, decodet, wrapt = {}, {}, {}
        mime.encodet, mime.decodet, mime.wrapt = encodet, decodet, wrapt

        encodet["base64"] = function() return cycle(core.b64, "") end
        encodet["quoted-printable"] = function(mode)
          return cycle(core.qp, "", mode == "binary" and "=0D=0A" or "\r\n")
        end
        decodet["base64"] = function() return cycle(core.unb64, "") end
        decodet["quoted-printable"] = function() return cycle(core.unqp, "") end

        local function text(length)
          length = length or 76
          return cycle(core.wrp, length, length)
        end
        wrapt["text"] = text
        wrapt["base64"] = text
        wrapt["default"] = text
        wrapt["quoted-printable"] = function() return cycle(core.qpwrp, 76, 76) end

        mime.encode = chooser(encodet)
        mime.decode = chooser(decodet)
        mime.wrap = chooser(wrapt)

        function mime.normalize(marker)
          return cycle(core.eol, 0, marker)
        end

        function mime.stuff()
          return cycle(core.dot, 2)
        end

        return mime
        """;
}
