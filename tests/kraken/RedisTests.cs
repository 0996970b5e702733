using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace Kraken.Tests;

/// <summary>
/// A real Redis: each test starts Debian's redis-server on 127.0.0.1 with a free port and a
/// temporary folder of its own, and a kraken server whose connections each talk to it through
/// Debian's unmodified redis.lua (lua-redis, found on the default package.path) on kraken's
/// LuaSocket. Skipped, with the reason, when redis-server or lua-redis is not installed.
/// </summary>
public sealed class RedisTests
{
    /// <summary>One line per request: "set K V", "get K", "incr K", "pipe K V", "blpop K", "rpush K V", "sleep S", "ping".</summary>
    private const string App = """
        local redis = require("redis")
        local port = assert(tonumber(arg[1]))
        kraken.registerApplication(function(client)
          client:settimeout(120)
          local db = redis.connect("127.0.0.1", port)
          while true do
            local line = client:receive()
            if not line then break end
            local cmd, a, b = line:match("^(%S+)%s*(%S*)%s*(.*)$")
            local reply
            if cmd == "set" then reply = tostring(db:set(a, b))
            elseif cmd == "get" then reply = tostring(db:get(a))
            elseif cmd == "incr" then reply = tostring(db:incr(a))
            elseif cmd == "pipe" then
              local r = db:pipeline(function(p)
                p:set(a, b)
                p:get(a)
                p:incr(a .. ":n")
                p:incr(a .. ":n")
              end)
              reply = table.concat({tostring(r[1]), tostring(r[2]), tostring(r[3]), tostring(r[4])}, ",")
            elseif cmd == "blpop" then reply = tostring(db:blpop(a, 0)[2])
            elseif cmd == "rpush" then reply = tostring(db:rpush(a, b))
            elseif cmd == "sleep" then
              client:send("sleeping\n")
              reply = tostring(db:raw_cmd("DEBUG SLEEP " .. a))
            elseif cmd == "ping" then reply = "pong"
            else reply = "unknown command" end
            client:send(reply .. "\n")
          end
          db:quit()
        end)
        assert(kraken.registerAddress{host = "127.0.0.1", port = 0})
        """;

    [RedisFact]
    public async Task TwoHundredConcurrentClientsEachGetTheirRepliesThroughRedisLua()
    {
        using var redis = RedisServer.Start();
        using var server = KrakenServerProcess.Start([KrakenProcess.Script("redis_app.lua", App), redis.Port.ToString()], null);
        int port = server.Port;
        const int clients = 200;
        var clientsReady = new CountdownEvent(clients);
        var go = new ManualResetEventSlim();
        var counts = new int[clients];
        var tasks = Enumerable.Range(0, clients).Select(i => Task.Factory.StartNew(() =>
        {
            using var c = LuaSocketLoopTests.Patient(new KrakenServerProcess.Client(port));
            // every client is connected (so every connection has its own Redis client) before any talks
            c.Send("ping\n");
            Assert.Equal("pong", c.ReadLine());
            clientsReady.Signal();
            Assert.True(go.Wait(TimeSpan.FromSeconds(120)));
            c.Send($"set key{i} value{i}\nget key{i}\n");
            Assert.Equal("true", c.ReadLine());
            Assert.Equal($"value{i}", c.ReadLine());
            c.Send("incr shared\n");
            counts[i] = int.Parse(c.ReadLine()!);
            c.Send($"pipe pipe{i} p{i}\n");
            Assert.Equal($"true,p{i},1,2", c.ReadLine());
            c.Send($"get key{i}\n");
            Assert.Equal($"value{i}", c.ReadLine());
            return true;
        }, TaskCreationOptions.LongRunning)).ToArray();
        Assert.True(clientsReady.Wait(TimeSpan.FromSeconds(120)), "not every client got connected");
        go.Set();
        var all = Task.WhenAll(tasks);
        Assert.Same(all, await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(120))));
        Assert.All(await all, Assert.True);
        // every INCR of the shared counter got its own value
        Assert.Equal(Enumerable.Range(1, clients), counts.OrderBy(n => n));
        Assert.Equal(clients.ToString(), redis.Command("GET shared"));
        Assert.DoesNotContain("stack traceback", server.StdErr);
    }

    [RedisFact]
    public async Task AConnectionWaitingForASlowReplyDoesNotHoldTheOthers()
    {
        using var redis = RedisServer.Start();
        using var server = KrakenServerProcess.Start([KrakenProcess.Script("redis_app.lua", App), redis.Port.ToString()], null);
        int port = server.Port;

        // BLPOP: one connection's Redis client waits for a reply that only a later push gives
        using var waiting = LuaSocketLoopTests.Patient(server.Connect());
        waiting.Send("blpop queue\n");
        Assert.True(redis.WaitUntil("INFO clients", info => info.Contains("blocked_clients:1")), "the BLPOP never reached Redis");
        var others = Enumerable.Range(0, 50).Select(i => Task.Factory.StartNew(() =>
        {
            using var c = LuaSocketLoopTests.Patient(new KrakenServerProcess.Client(port));
            c.Send($"set other{i} {i}\nincr count{i}\nget other{i}\n");
            return c.ReadLine() == "true" && c.ReadLine() == "1" && c.ReadLine() == i.ToString();
        }, TaskCreationOptions.LongRunning)).ToArray();
        var all = Task.WhenAll(others);
        Assert.Same(all, await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(120))));
        Assert.All(await all, Assert.True);
        // all 50 were served while the BLPOP still waited: it is still blocked, with no reply yet
        Assert.Contains("blocked_clients:1", redis.Command("INFO clients"));
        Assert.Equal(0, waiting.Socket.Available);
        using (var pusher = LuaSocketLoopTests.Patient(server.Connect()))
        {
            pusher.Send("rpush queue released\n");
            Assert.Equal("1", pusher.ReadLine());
        }
        Assert.Equal("released", waiting.ReadLine());

        // DEBUG SLEEP: Redis itself stops for 5 seconds; kraken serves its other connections meanwhile
        var pingers = Enumerable.Range(0, 10).Select(_ => LuaSocketLoopTests.Patient(server.Connect())).ToList();
        try
        {
            foreach (var p in pingers)
            {
                p.Send("ping\n");
                Assert.Equal("pong", p.ReadLine());
            }
            using var sleeper = LuaSocketLoopTests.Patient(server.Connect());
            sleeper.Send("sleep 5\n");
            Assert.Equal("sleeping", sleeper.ReadLine()); // the command is on its way to Redis
            for (int round = 0; round < 3; round++)
                foreach (var p in pingers)
                {
                    p.Send("ping\n");
                    Assert.Equal("pong", p.ReadLine());
                }
            bool sleptAfterThePings = sleeper.Socket.Available == 0;
            Assert.Equal("true", sleeper.ReadLine());
            // the 30 answers came while the sleeping connection still waited for Redis
            Assert.True(sleptAfterThePings, "the pings were answered only after Redis woke up");
        }
        finally
        {
            foreach (var p in pingers) p.Dispose();
        }
        Assert.DoesNotContain("stack traceback", server.StdErr);
    }

    [RedisFact]
    public void TheRedisCounterExampleServesHttp()
    {
        using var redis = RedisServer.Start();
        using var server = KrakenServerProcess.Start([KrakenProcess.RepoFile("examples/redis_counter.lua"), "0", redis.Port.ToString()], null);
        using var client = LuaSocketLoopTests.Patient(server.Connect());
        for (int i = 1; i <= 3; i++)
        {
            client.Send("GET /hits/home HTTP/1.1\r\nHost: x\r\n\r\n");
            Assert.Equal("HTTP/1.1 200 OK", client.ReadLine()?.TrimEnd('\r'));
            int length = -1;
            string? line;
            while (!string.IsNullOrEmpty(line = client.ReadLine()?.TrimEnd('\r')))
                if (line.StartsWith("Content-Length: ")) length = int.Parse(line[16..]);
            Assert.Equal($"home: {i}\n".Length, length);
            Assert.Equal($"home: {i}", client.ReadLine()); // the body is one line
        }
        Assert.Equal("3", redis.Command("GET hits:home"));
    }
}

/// <summary>A fact that needs redis-server and Debian's lua-redis; skipped with the reason otherwise.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (RedisServer.Executable is null) Skip = "redis-server is not installed (apt-get install redis-server)";
        else if (!File.Exists("/usr/share/lua/5.1/redis.lua")) Skip = "Debian's lua-redis is not installed (apt-get install lua-redis)";
    }
}

/// <summary>A redis-server process of a test: 127.0.0.1, a free port, its own temporary folder, no persistence; killed and removed on Dispose.</summary>
public sealed class RedisServer : IDisposable
{
    private readonly ServiceProcess _service;

    private RedisServer(ServiceProcess service, int port)
    {
        _service = service;
        Port = port;
    }

    public int Port { get; }

    public static string? Executable =>
        new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server", "/usr/sbin/redis-server" }.FirstOrDefault(File.Exists);

    public static RedisServer Start()
    {
        // a free port can be taken by someone else before redis binds it: try a few
        for (int attempt = 0; ; attempt++)
        {
            string folder = ServiceProcess.NewFolder("redis");
            int port = ServiceProcess.FreePort();
            var arguments = new List<string> { "--port", port.ToString(), "--bind", "127.0.0.1", "--dir", folder, "--save", "",
                "--appendonly", "no", "--daemonize", "no", "--logfile", "" };
            // Redis 7 refuses DEBUG unless asked; older versions allow it and do not know the option
            if (attempt < 2) arguments.AddRange(["--enable-debug-command", "local"]);
            var server = new RedisServer(ServiceProcess.Start(Executable!, arguments, folder), port);
            if (server.WaitUntil("PING", reply => reply == "PONG")) return server;
            server.Dispose();
            if (attempt == 2) throw new InvalidOperationException("redis-server did not start");
        }
    }

    /// <summary>Sends a command until its reply satisfies <paramref name="ok"/> (up to 60 s); false if it never does.</summary>
    public bool WaitUntil(string command, Func<string, bool> ok)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !_service.HasExited)
        {
            try
            {
                if (ok(Command(command))) return true;
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                // not listening yet
            }
            Thread.Sleep(50);
        }
        return false;
    }

    /// <summary>One inline command on a fresh connection; the reply's text (a status, an integer, or a bulk string's content).</summary>
    public string Command(string command)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 10000, SendTimeout = 10000 };
        socket.Connect(IPAddress.Loopback, Port);
        socket.Send(Encoding.ASCII.GetBytes(command + "\r\n"));
        using var stream = new NetworkStream(socket);
        var reader = new StreamReader(stream, Encoding.Latin1);
        string first = reader.ReadLine() ?? throw new IOException("redis closed the connection");
        if (first.StartsWith('$'))
        {
            int length = int.Parse(first[1..]);
            if (length < 0) return "(nil)";
            var body = new char[length];
            int n = 0;
            while (n < length) n += reader.Read(body, n, length - n);
            return new string(body);
        }
        return first[1..];
    }

    public void Dispose() => _service.Dispose();
}
