using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace Kraken.Tests;

/// <summary>
/// LuaSocket on the loop: in a coroutine kraken runs, a LuaSocket call that would block yields to
/// the loop (the other connections go on); in the main chunk it blocks the script but the loop
/// turns inside it (spawned coroutines go on). Backends are real sockets on 127.0.0.1.
/// </summary>
public sealed class LuaSocketLoopTests
{
    /// <summary>
    /// Each request line "MODE WORD" makes the connection open a LuaSocket connection to the
    /// backend (by the name "localhost": a lookup off the loop), send WORD, and wait for its answer:
    /// in receive ("receive"), in socket.select first ("select"), or after a socket.sleep ("sleep").
    /// All of it inside socket.protect, so the waits yield through protect's pcall.
    /// </summary>
    private const string RelayApp = """
        local socket = require("socket")
        local backendPort = assert(tonumber(arg[1]))
        local relay = socket.protect(function(mode, word)
          local b = socket.try(socket.connect("localhost", backendPort))
          local try = socket.newtry(function() b:close() end)
          b:settimeout(60)
          try(b:send(word .. "\n"))
          if mode == "select" then
            local r, _, err = socket.select({b}, nil, 60)
            try(r[1] == b and r[b] == 1, err)
          elseif mode == "sleep" then
            socket.sleep(0.01)
          end
          local answer = try(b:receive())
          b:close()
          return answer
        end)
        kraken.registerApplication(function(client)
          client:settimeout(60)
          while true do
            local line = client:receive()
            if not line then return end
            local mode, word = line:match("^(%w+) (.*)$")
            local answer, err = relay(mode, word)
            client:send((answer or ("error: " .. tostring(err))) .. "\n")
          end
        end)
        assert(kraken.registerAddress{host = "127.0.0.1", port = 0})
        """;

    [Fact]
    public async Task AWaitingLuaSocketCallLeavesTheOtherConnectionsAlone()
    {
        using var backend = new HoldingBackend();
        using var server = KrakenServerProcess.Start([KrakenProcess.Script("relay.lua", RelayApp), backend.Port.ToString()], null);
        // two connections wait on the backend, one in receive and one in select, until released
        using var inReceive = Patient(server.Connect());
        using var inSelect = Patient(server.Connect());
        inReceive.Send("receive hold\n");
        inSelect.Send("select hold\n");
        Assert.True(backend.WaitForHolds(2), "the backend never got both held requests");

        // meanwhile 60 other connections each get their answers through the backend
        int port = server.Port;
        // dedicated threads: blocking clients on pool threads would starve the backend's own
        // asynchronous continuations, which run on the pool
        var others = Enumerable.Range(0, 60).Select(i => Task.Factory.StartNew(() =>
        {
            using var client = Patient(new KrakenServerProcess.Client(port));
            string mode = (i % 3) switch { 0 => "receive", 1 => "select", _ => "sleep" };
            client.Send($"{mode} word{i}\n");
            string? first = client.ReadLine();
            client.Send($"{mode} again{i}\n");
            return first == $"WORD{i}" && client.ReadLine() == $"AGAIN{i}";
        }, TaskCreationOptions.LongRunning)).ToArray();
        var all = Task.WhenAll(others);
        Assert.Same(all, await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(90))));
        Assert.All(await all, Assert.True);

        // the held ones were still waiting all along; released, they answer
        Assert.Equal(0, inReceive.Socket.Available);
        Assert.Equal(0, inSelect.Socket.Available);
        backend.Release();
        Assert.Equal("HOLD", inReceive.ReadLine());
        Assert.Equal("HOLD", inSelect.ReadLine());
        Assert.DoesNotContain("kraken: ", server.StdErr.Replace("kraken: listening on", ""));
    }

    [Fact]
    public void BlockingCallsInTheMainChunkLetSpawnedCoroutinesRun()
    {
        // the server is a spawned coroutine; the main chunk is its client: every blocking call of
        // the client (connect, send, receive, select, sleep) must turn the loop for the server
        const string script = """
            local socket = require("socket")
            local server = assert(socket.bind("127.0.0.1", 0))
            local _, port = server:getsockname()
            kraken.spawn(function()
              server:settimeout(10)
              local c = assert(server:accept())
              c:settimeout(10)
              while true do
                local line = c:receive()
                if not line then break end
                c:send("echo " .. line .. "\n")
              end
              c:close()
              server:close()
            end)
            local c = assert(socket.connect("localhost", port))
            c:settimeout(10)
            for i = 1, 3 do
              assert(c:send("line " .. i .. "\n"))
              print(c:receive())
            end
            c:send("last\n")
            local r = socket.select({c}, nil, 10)
            print(#r, r[1] == c)
            print(c:receive())
            socket.sleep(0.01)
            c:close()
            print("done")
            """;
        var result = KrakenProcess.Run([KrakenProcess.Script("mainchunk.lua", script)], timeoutMs: 60000);
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal("echo line 1\tnil\tnil\necho line 2\tnil\tnil\necho line 3\tnil\tnil\n1\ttrue\necho last\tnil\tnil\ndone\n", result.StdOut);
    }

    [Fact]
    public void KrakenLuaSocketDebugAddsTheElapsedTimeAsLuaSocketDebugBuildsDo()
    {
        // as a LuaSocket built with LUASOCKET_DEBUG (luarocks' build): socket._DEBUG, and send and
        // receive return the seconds they took after their usual three values, also when they end early
        const string script = """
            local socket = require("socket")
            local l = assert(socket.bind("127.0.0.1", 0))
            local ip, port = l:getsockname()
            local c = assert(socket.connect(ip, port))
            local a = assert(l:accept())
            local function show(...)
              local n, last = select("#", ...), select(select("#", ...), ...)
              print(n, type(last), type(last) == "number" and last >= 0)
            end
            print(socket._DEBUG)
            show(c:send("hello\n"))
            show(a:receive())
            show(c:send("x", 5))        -- nothing to send
            show(a:receive(2, "ab"))    -- the prefix is enough
            a:settimeout(0)
            show(a:receive())           -- timeout
            c:close()
            show(c:send("x"))           -- closed
            """;
        var on = KrakenProcess.Run([KrakenProcess.Script("debug.lua", script)], timeoutMs: 60000,
            environment: new Dictionary<string, string> { ["KRAKEN_LUASOCKET_DEBUG"] = "1" });
        Assert.True(on.ExitCode == 0, on.StdErr);
        Assert.Equal(string.Concat(Enumerable.Repeat("4\tnumber\ttrue\n", 6)), on.StdOut[(on.StdOut.IndexOf('\n') + 1)..]);
        Assert.StartsWith("true\n", on.StdOut);
        // without it, Debian's build: three values and no _DEBUG
        var off = KrakenProcess.Run([KrakenProcess.Script("debug.lua", script)], timeoutMs: 60000);
        Assert.True(off.ExitCode == 0, off.StdErr);
        Assert.Equal("nil\n3\tnil\tfalse\n3\tnil\tfalse\n3\tnil\tfalse\n3\tnil\tfalse\n3\tstring\tfalse\n3\tnumber\ttrue\n", off.StdOut);
    }

    [Fact]
    public void YieldsInsideProtectAndErrorsComeBackAsValues()
    {
        // in a connection's coroutine a protected function waits (yields) and then fails with try:
        // protect turns the failure into nil, message; connecting where nobody listens fails cleanly
        const string app = """
            local socket = require("socket")
            kraken.registerApplication(function(client)
              local f = socket.protect(function()
                local line = socket.try(client:receive())
                socket.sleep(0)
                socket.try(nil, "failed after " .. line)
              end)
              local value, err = f()
              client:send(tostring(value) .. " " .. tostring(err) .. "\n")
              local nobody = socket.tcp()
              local ok, err = nobody:connect("127.0.0.1", 1)
              client:send(tostring(ok) .. " " .. tostring(err) .. "\n")
            end)
            """;
        using var server = KrakenServerProcess.Start(KrakenProcess.Script("protect.lua", app + KrakenServerProcess.Listen));
        using var client = server.Connect();
        client.Send("one\n");
        Assert.Equal("nil failed after one", client.ReadLine());
        Assert.Equal("nil connection refused", client.ReadLine());
    }

    [Fact]
    public void SourcesKrakenSocketsInSelectAndNonBlockingLoops()
    {
        // a source (a table called through __call) that waits inside a spawned coroutine; one of
        // kraken's own sockets in socket.select; a main chunk that polls a non-blocking socket
        // without ever letting the loop turn still sees the data (as LuaSocket's recv would)
        const string script = """
            local socket = require("socket")
            local server = assert(socket.bind("127.0.0.1", 0))
            local _, port = server:getsockname()
            kraken.spawn(function()
              server:settimeout(10)
              local c = assert(server:accept())
              local source, parts = socket.source("until-closed", c), {}
              while true do
                local chunk, err = source()
                if not chunk then assert(not err, err) break end
                parts[#parts + 1] = chunk
              end
              print("source", table.concat(parts))
            end)
            kraken.spawn(function()
              local c = assert(socket.connect("127.0.0.1", port))
              for i = 1, 3 do c:send("part" .. i .. ";") socket.sleep(0.01) end
              c:close()
            end)
            local ks = kraken.socket()
            assert(ks:bind{host = "127.0.0.1", port = 0})
            assert(ks:listen(8))
            local _, kport = ks:getsockname()
            kraken.spawn(function()
              local r, _, err = socket.select({ks}, nil, 10)
              print("kraken socket", #r, r[1] == ks, r[ks], err)
              ks:accept():close()
            end)
            kraken.spawn(function() assert(socket.connect("127.0.0.1", kport)):close() end)
            local s2 = assert(socket.bind("127.0.0.1", 0))
            local c2 = assert(socket.connect("127.0.0.1", (select(2, s2:getsockname()))))
            local a2 = assert(s2:accept())
            a2:settimeout(0)
            c2:send("ping\n")
            local line, tries = nil, 0
            repeat tries = tries + 1; line = a2:receive() until line or tries > 10000000
            print("polled", line)
            """;
        var result = KrakenProcess.Run([KrakenProcess.Script("sources.lua", script)], timeoutMs: 60000);
        Assert.True(result.ExitCode == 0, result.StdErr);
        var lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["kraken socket\t1\ttrue\t1\tnil", "polled\tping", "source\tpart1;part2;part3;"], lines);
    }

    /// <summary>
    /// socket.http against a server of spawned coroutines in the same process (the main chunk's
    /// client calls block while the loop turns): GET, POST, redirects followed and not, chunked
    /// responses with trailers and repeated headers, 404, HTTP/1.0 bodies until the close, 100
    /// Continue, 204, HEAD, PUT with a length and chunked, basic authentication, refusal.
    /// </summary>
    private const string HttpScript = """
            local socket = require("socket")
            local http = require("socket.http")
            local ltn12 = require("ltn12")

            local server = assert(socket.bind("127.0.0.1", 0))
            local _, port = server:getsockname()
            local base = "http://127.0.0.1:" .. port

            local function handle(c)
              c:settimeout(10)
              local request = c:receive()
              local hdrs, names = {}, {}
              while true do
                local line = c:receive()
                if not line or line == "" then break end
                local name, value = line:match("^([^:]+):%s*(.*)$")
                hdrs[name:lower()] = value
                names[#names + 1] = name
              end
              table.sort(names)
              local body = ""
              if hdrs["content-length"] then body = c:receive(tonumber(hdrs["content-length"]))
              elseif hdrs["transfer-encoding"] == "chunked" then
                local parts = {}
                while true do
                  local size = tonumber(c:receive(), 16)
                  if size == 0 then c:receive() break end
                  parts[#parts + 1] = c:receive(size)
                  c:receive()
                end
                body = "chunked:" .. table.concat(parts, "|")
              end
              local info = request .. " [" .. table.concat(names, ",") .. "] auth=" .. tostring(hdrs.authorization) .. " body=" .. body
              local path = request:match("^%u+ (%S+)")
              if path == "/redirect" then
                c:send("HTTP/1.1 302 Found\r\nLocation: /target?from=redirect\r\nContent-Length: 0\r\n\r\n")
              elseif path == "/moved" then
                c:send("HTTP/1.1 301 Moved\r\nLocation: " .. base .. "/target\r\nContent-Length: 3\r\n\r\nxyz")
              elseif path == "/chunked" then
                c:send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Multi: a\r\nX-Multi: b\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n")
              elseif path == "/missing" then
                c:send("HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nnot here\n")
              elseif path == "/old" then
                c:send("HTTP/1.0 200 OK\r\nX-Folded: one\r\n  two\r\n\r\nuntil the end")
              elseif path == "/continue" then
                c:send("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone")
              elseif path == "/empty" then
                c:send("HTTP/1.1 204 No Content\r\n\r\n")
              else
                c:send("HTTP/1.1 200 OK\r\nContent-Length: " .. #info .. "\r\n\r\n" .. info)
              end
              c:close()
            end
            kraken.spawn(function()
              server:settimeout(30)
              while true do
                local c = server:accept()
                if not c then break end
                kraken.spawn(handle, c)
              end
            end)

            local function dump(h)
              if type(h) ~= "table" then return tostring(h) end
              local keys = {}
              for k in pairs(h) do keys[#keys + 1] = k end
              table.sort(keys)
              local out = {}
              for _, k in ipairs(keys) do out[#out + 1] = k .. "=" .. tostring(h[k]) end
              return "{" .. table.concat(out, "; ") .. "}"
            end
            local function show(label, ...)
              local t = {label}
              for i = 1, select("#", ...) do t[#t + 1] = dump((select(i, ...))) end
              print(table.concat(t, " | "))
            end

            show("get", http.request(base .. "/hello?x=1"))
            show("post", http.request(base .. "/form", "a=1&b=2"))
            show("redirect", http.request(base .. "/redirect"))
            show("moved", http.request(base .. "/moved"))
            local t = {}
            show("noredirect", http.request{url = base .. "/redirect", redirect = false, sink = ltn12.sink.table(t)})
            local t = {}
            show("chunked", http.request{url = base .. "/chunked", sink = ltn12.sink.table(t)}, table.concat(t))
            show("missing", http.request(base .. "/missing"))
            show("old", http.request(base .. "/old"))
            show("continue", http.request(base .. "/continue"))
            show("empty", http.request(base .. "/empty"))
            show("head", http.request{url = base .. "/hello", method = "HEAD"})
            local t = {}
            show("put", http.request{url = base .. "/put", method = "PUT", source = ltn12.source.string("body!"),
              headers = {["content-length"] = 5, ["x-custom"] = "yes"}, sink = ltn12.sink.table(t)}, table.concat(t))
            local t = {}
            show("chunkedput", http.request{url = base .. "/put", method = "PUT", source = ltn12.source.table({"ab", "cde"}),
              sink = ltn12.sink.table(t)}, table.concat(t))
            show("auth", http.request("http://user:p%40ss@127.0.0.1:" .. port .. "/private"))
            show("refused", http.request("http://127.0.0.1:1/"))
            show("nohost", http.request("http:///path"))
            server:close()
        """;

    /// <summary>What the HTTP script prints (ports replaced by HOST); Debian's socket/http.lua on kraken's cores prints the same.</summary>
    private const string HttpExpected = """
        get | GET /hello?x=1 HTTP/1.1 [Connection,Host,TE,User-Agent] auth=nil body= | 200 | {content-length=70} | HTTP/1.1 200 OK
        post | POST /form HTTP/1.1 [Connection,Content-Length,Content-Type,Host,TE,User-Agent] auth=nil body=a=1&b=2 | 200 | {content-length=101} | HTTP/1.1 200 OK
        redirect | GET /target?from=redirect HTTP/1.1 [Connection,Host,TE,User-Agent] auth=nil body= | 200 | {content-length=81; location=/target?from=redirect} | HTTP/1.1 200 OK
        moved | GET /target HTTP/1.1 [Connection,Host,TE,User-Agent] auth=nil body= | 200 | {content-length=67; location=http://HOST/target} | HTTP/1.1 200 OK
        noredirect | 1 | 302 | {content-length=0; location=/target?from=redirect} | HTTP/1.1 302 Found
        chunked | 1 | hello world
        missing | not here
         | 404 | {content-length=9; content-type=text/plain} | HTTP/1.1 404 Not Found
        old | until the end | 200 | {x-folded=one  two} | HTTP/1.0 200 OK
        continue | done | 200 | {content-length=4} | HTTP/1.1 200 OK
        empty |  | 204 | {} | HTTP/1.1 204 No Content
        head | 1 | 200 | {content-length=67} | HTTP/1.1 200 OK
        put | 1 | PUT /put HTTP/1.1 [Connection,Content-Length,Host,TE,User-Agent,x-custom] auth=nil body=body!
        chunkedput | 1 | PUT /put HTTP/1.1 [Connection,Host,TE,Transfer-Encoding,User-Agent] auth=nil body=chunked:ab|cde
        auth | GET /private HTTP/1.1 [Authorization,Connection,Host,TE,User-Agent] auth=Basic dXNlcjpwQHNz body= | 200 | {content-length=97} | HTTP/1.1 200 OK
        refused | nil | connection refused
        nohost | nil | invalid host 'nil'

        """;

    private static string RunHttpScript(string[] options)
    {
        var result = KrakenProcess.Run([.. options, KrakenProcess.Script("http_client.lua", HttpScript)], timeoutMs: 90000);
        Assert.True(result.ExitCode == 0, result.StdErr);
        return System.Text.RegularExpressions.Regex.Replace(result.StdOut, @"127\.0\.0\.1:\d+", "HOST");
    }

    [Fact]
    public void BuiltinSocketHttpServesTheUsualRequests() => Assert.Equal(HttpExpected, RunHttpScript(["-e", "package.path = ''"]));

    [DebianLuaSocketFact]
    public void DebiansSocketHttpRunsOnKrakensCoresAndAgrees()
    {
        // Debian's socket/http.lua, ltn12.lua, mime.lua, socket/url.lua, unmodified, on kraken's
        // socket.core and mime.core: the same answers as kraken's own socket.http
        Assert.Equal(HttpExpected, RunHttpScript([]));
    }

    [CopasFact]
    public async Task DebiansCopasServesOnKrakensSocket()
    {
        // copas 1.2 (Debian's lua-copas, unmodified) drives its own coroutines with socket.select
        // from the main chunk: bench/server/copas_http.lua, the HTTP app of the benchmark, serves
        // concurrent keep-alive clients on kraken's socket.core
        var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        using var server = KrakenServerProcess.Start([KrakenProcess.RepoFile("bench/server/copas_http.lua"), port.ToString()], null);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                s.Connect(IPAddress.Loopback, port);
                break;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
        var clients = Enumerable.Range(0, 20).Select(_ => Task.Factory.StartNew(() =>
        {
            using var c = Patient(new KrakenServerProcess.Client(port));
            for (int i = 0; i < 5; i++)
            {
                c.Send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                if (c.ReadLine() != "HTTP/1.1 200 OK\r") return false;
                while (c.ReadLine() is { Length: > 1 }) { } // the headers, up to the empty line
                if (c.ReadLine() != "Hello, world!") return false;
            }
            return true;
        }, TaskCreationOptions.LongRunning)).ToArray();
        var all = Task.WhenAll(clients);
        Assert.Same(all, await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(120))));
        Assert.All(await all, Assert.True);
    }

    /// <summary>A client whose reads wait up to 60 s: on a loaded machine the server may take longer than the usual 10 s to get to it.</summary>
    internal static KrakenServerProcess.Client Patient(KrakenServerProcess.Client client)
    {
        client.Socket.ReceiveTimeout = 60000;
        client.Socket.SendTimeout = 60000;
        return client;
    }

    /// <summary>
    /// A line-based backend on 127.0.0.1: answers each line in upper case, except "hold", which
    /// it answers only after <see cref="Release"/>.
    /// </summary>
    private sealed class HoldingBackend : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly SemaphoreSlim _holds = new(0);
        private readonly CancellationTokenSource _stop = new();

        public HoldingBackend()
        {
            _listener.Start(512);
            _ = AcceptLoop();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public bool WaitForHolds(int count)
        {
            for (int i = 0; i < count; i++)
                if (!_holds.Wait(TimeSpan.FromSeconds(60))) return false;
            return true;
        }

        public void Release() => _release.TrySetResult();

        private async Task AcceptLoop()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    _ = Serve(client);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // stopped
            }
        }

        private async Task Serve(TcpClient client)
        {
            using (client)
            {
                try
                {
                    var stream = client.GetStream();
                    var reader = new StreamReader(stream, Encoding.Latin1);
                    while (await reader.ReadLineAsync(_stop.Token) is { } line)
                    {
                        if (line == "hold")
                        {
                            _holds.Release();
                            await _release.Task.WaitAsync(_stop.Token);
                        }
                        await stream.WriteAsync(Encoding.Latin1.GetBytes(line.ToUpperInvariant() + "\n"), _stop.Token);
                    }
                }
                catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
                {
                    // the relay went away
                }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }
    }
}

/// <summary>A fact that needs Debian's lua-copas (and its coxpcall); skipped with the reason otherwise.</summary>
public sealed class CopasFactAttribute : FactAttribute
{
    public CopasFactAttribute()
    {
        if (!File.Exists("/usr/share/lua/5.1/copas.lua")) Skip = "Debian's lua-copas is not installed (apt-get install lua-copas)";
    }
}
