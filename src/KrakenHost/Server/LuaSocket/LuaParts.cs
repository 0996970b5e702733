using System.Text;
using LuaVm.Runtime;

namespace KrakenHost.Server.LuaSocket;

/// <summary>
/// The parts of the socket family that are Lua code, written here from LuaSocket's documentation
/// (reference.html, socket.html, ltn12.html): socket.core's newtry and protect (Lua, so that a
/// coroutine can yield inside a protected function: pcall is a frame marker in LuaVm, while a
/// native function that called back into Lua could not be yielded through), and the Lua-level
/// socket module. Debian's socket.lua, when it is on package.path, is found first and runs on
/// socket.core instead of <see cref="Socket"/>.
/// </summary>
internal static partial class LuaParts
{
    /// <summary>Loads <paramref name="source"/> and returns what it returns (a built-in module written in Lua).</summary>
    public static int Run(CallContext call, string source, string chunkName)
    {
        var chunk = call.State.Load(Encoding.Latin1.GetBytes(source), chunkName);
        var results = call.State.Call(chunk, call[1]);
        return call.Return(results.Length > 0 ? results[0] : LuaValue.Nil);
    }

    /// <summary>Run with socket.core's table as its argument: adds newtry and protect.</summary>
    public const string CorePrelude = """
        local core = ...
        local error, pcall, select, setmetatable, type = error, pcall, select, setmetatable, type

        -- The errors a try function raises: a table holding the message. Its metatable hides
        -- itself (getmetatable gives false, as with LuaSocket's); protect recognizes the tables
        -- by a weak set, so that any other error passes through untouched.
        local hidden = { __metatable = false }
        local raised = setmetatable({}, { __mode = "k" })

        local function ignore() end

        function core.newtry(finalizer)
          finalizer = finalizer or ignore
          return function(...)
            if (...) then return ... end
            finalizer()
            local e = setmetatable({ (select(2, ...)) }, hidden)
            raised[e] = true
            error(e, 0)
          end
        end

        local function settle(ok, ...)
          if ok then return ... end
          local e = ...
          if type(e) == "table" and raised[e] then return nil, e[1] end
          error(e, 0)
        end

        function core.protect(f)
          return function(...)
            return settle(pcall(f, ...))
          end
        end
        """;

    /// <summary>The Lua-level socket module: socket.core plus connect4/6, bind, try, choose, sources and sinks.</summary>
    public const string Socket = """
        local core = require("socket.core")
        local ipairs, setmetatable, tostring, type, error = ipairs, setmetatable, tostring, type, error
        local min = math.min

        local socket = core -- LuaSocket's socket module is socket.core's table, extended

        function socket.connect4(address, port, laddress, lport)
          return core.connect(address, port, laddress, lport, "inet")
        end

        function socket.connect6(address, port, laddress, lport)
          return core.connect(address, port, laddress, lport, "inet6")
        end

        -- A server socket on the first of host's addresses that can be bound (with reuseaddr).
        function socket.bind(host, port, backlog)
          local addresses, err = core.dns.getaddrinfo(host == "*" and "0.0.0.0" or host)
          if not addresses then return nil, err end
          err = "no info on address"
          for _, address in ipairs(addresses) do
            local server
            if address.family == "inet" then server, err = core.tcp4() else server, err = core.tcp6() end
            if not server then return nil, err end
            server:setoption("reuseaddr", true)
            local done
            done, err = server:bind(address.addr, port)
            if done then
              done, err = server:listen(backlog)
              if done then return server end
            end
            server:close()
          end
          return nil, err
        end

        socket.try = core.newtry()

        -- choose(t)(name, a, b) calls t[name](a, b); a first argument that is not a string
        -- selects t.default with the arguments shifted.
        function socket.choose(choices)
          return function(name, a, b)
            if type(name) ~= "string" then name, a, b = "default", name, a end
            local chosen = choices[name or "nil"]
            if not chosen then error("unknown key (" .. tostring(name) .. ")", 3) end
            return chosen(a, b)
          end
        end

        socket.BLOCKSIZE = 2048

        -- Sources and sinks (LTN12) over a connected socket. They keep getfd and dirty, so that
        -- socket.select accepts them in place of the socket.
        local function attached(sock, call)
          return setmetatable({
            getfd = function() return sock:getfd() end,
            dirty = function() return sock:dirty() end,
          }, { __call = call })
        end

        local sinkt = {}
        socket.sinkt = sinkt

        sinkt["keep-open"] = function(sock)
          return attached(sock, function(_, chunk)
            if not chunk then return 1 end
            return sock:send(chunk)
          end)
        end

        sinkt["close-when-done"] = function(sock)
          return attached(sock, function(_, chunk)
            if chunk then return sock:send(chunk) end
            sock:close()
            return 1
          end)
        end

        sinkt.default = sinkt["keep-open"]
        socket.sink = socket.choose(sinkt)

        local sourcet = {}
        socket.sourcet = sourcet

        sourcet["by-length"] = function(sock, length)
          return attached(sock, function()
            if length <= 0 then return nil end
            local chunk, err = sock:receive(min(socket.BLOCKSIZE, length))
            if err then return nil, err end
            length = length - #chunk
            return chunk
          end)
        end

        sourcet["until-closed"] = function(sock)
          local finished = false
          return attached(sock, function()
            if finished then return nil end
            local chunk, err, partial = sock:receive(socket.BLOCKSIZE)
            if chunk then return chunk end
            if err ~= "closed" then return nil, err end
            sock:close()
            finished = true
            return partial
          end)
        end

        sourcet.default = sourcet["until-closed"]
        socket.source = socket.choose(sourcet)

        return socket
        """;
}
