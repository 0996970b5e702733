using System.Net.Sockets;
using System.Text;
using Xunit;

namespace Kraken.Tests;

/// <summary>The kraken server: the real host process, real sockets on 127.0.0.1, bounded waits.</summary>
public sealed class ServerTests
{
    private const string Listen = KrakenServerProcess.Listen;

    private const string EchoApp = """
        kraken.registerApplication(function(client, address)
          assert(address.host == '127.0.0.1' and type(address.port) == 'number')
          while true do
            local line, err, partial = client:receive()
            if not line then return end
            if line == 'boom' then error('boom on request') end
            assert(client:send(line .. '\n'))
          end
        end)
        """;


    [Fact]
    public void EchoesLinesDroppingCarriageReturns()
    {
        using var server = KrakenServerProcess.Start(KrakenProcess.Script("echo.lua", EchoApp + Listen));
        using var client = server.Connect();
        client.Send("hello\r\nwor");
        Assert.Equal("hello", client.ReadLine());
        client.Send("ld\n");
        Assert.Equal("world", client.ReadLine());
    }

    [Fact]
    public void RawReceiveAndSend()
    {
        const string app = """
            kraken.registerApplication(function(c)
              local data = assert(c:rawrecv(100))
              assert(c:rawsend(#data))        -- a number goes out as one byte
              assert(c:rawsend(data:upper()))
              local exact = assert(c:receive(3, 'pre:'))
              assert(c:send(exact .. '|'))
              local rest = c:receive('*a')
              assert(c:send(rest))
            end)
            """;
        using var server = KrakenServerProcess.Start(KrakenProcess.Script("raw.lua", app + Listen));
        using var client = server.Connect();
        client.Send("abc");
        var buffer = new byte[4];
        int n = 0;
        while (n < 4) n += client.Socket.Receive(buffer, n, 4 - n, SocketFlags.None);
        Assert.Equal([3, (byte)'A', (byte)'B', (byte)'C'], buffer);
        client.Send("xyz");
        client.Send("tail");
        client.Socket.Shutdown(SocketShutdown.Send); // "*a" reads until the peer closes
        Assert.Equal("pre:xyz|tail", client.ReadToEnd());
    }

    [Fact]
    public void HttpKeepAliveServesManyRequestsOnOneConnection()
    {
        // examples/http.lua takes its port from arg[1]; 0 asks for an ephemeral one
        using var server0 = KrakenServerProcess.Start([KrakenProcess.RepoFile("examples/http.lua"), "0"], null);
        using var client = server0.Connect();
        for (int i = 0; i < 200; i++)
        {
            client.Send(i == 199 ? "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" : "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            Assert.Equal("HTTP/1.1 200 OK", client.ReadLine()?.TrimEnd('\r'));
            string? line;
            int length = -1;
            while (!string.IsNullOrEmpty(line = client.ReadLine()?.TrimEnd('\r')))
                if (line.StartsWith("Content-Length: ")) length = int.Parse(line[16..]);
            Assert.Equal(14, length);
            Assert.Equal("Hello, world!", client.ReadLine());
        }
        Assert.Null(client.ReadLine()); // Connection: close honoured
    }

    [Fact]
    public async Task ServesAThousandConcurrentClients()
    {
        using var server = KrakenServerProcess.Start(KrakenProcess.Script("echo.lua", EchoApp + Listen));
        int port = server.Port;
        var clients = new List<Socket>();
        try
        {
            for (int i = 0; i < 1000; i++)
            {
                var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await s.ConnectAsync("127.0.0.1", port);
                clients.Add(s);
            }
            // every client is connected at once; each now talks
            var talks = clients.Select(async (s, i) =>
            {
                await s.SendAsync(Encoding.ASCII.GetBytes($"client {i}\n"));
                var buffer = new byte[64];
                int n = 0;
                while (n == 0 || buffer[n - 1] != '\n') n += await s.ReceiveAsync(buffer.AsMemory(n));
                return Encoding.ASCII.GetString(buffer, 0, n) == $"client {i}\n";
            });
            var all = Task.WhenAll(talks);
            Assert.Same(all, await Task.WhenAny(all, Task.Delay(30000)));
            Assert.All(await all, Assert.True);
        }
        finally
        {
            foreach (var s in clients) s.Dispose();
        }
    }

    [Fact]
    public void TimeoutReturnsTimeoutAndTheSocketStaysUsable()
    {
        const string app = """
            kraken.registerApplication(function(c)
              c:settimeout(0.2)
              local line, err, partial = c:receive()
              assert(c:send(tostring(line) .. ' ' .. err .. ' [' .. partial .. ']\n'))
              c:settimeout(nil)
              local more = c:receive(nil, partial)
              assert(c:send('then ' .. more .. '\n'))
            end)
            """;
        using var server = KrakenServerProcess.Start(KrakenProcess.Script("timeout.lua", app + Listen));
        using var client = server.Connect();
        client.Send("par");
        Assert.Equal("nil timeout [par]", client.ReadLine());
        client.Send("tial\n");
        Assert.Equal("then partial", client.ReadLine());
    }

    [Fact]
    public void AShorterTimeoutAfterALongOneStillFires()
    {
        // one timer per socket serves every wait: a wait with a shorter deadline than the armed
        // timer's must get its own (else it would wait the 60 s of the first)
        const string app = """
            kraken.registerApplication(function(c)
              c:settimeout(60)
              assert(c:receive() == 'first')
              c:settimeout(0.2)
              local line, err = c:receive()
              assert(c:send(tostring(line) .. ' ' .. err .. '\n'))
              c:settimeout(60)
              assert(c:send('then ' .. c:receive() .. '\n'))
            end)
            """;
        using var server = KrakenServerProcess.Start(KrakenProcess.Script("timeouts.lua", app + Listen));
        using var client = server.Connect();
        client.Send("first\n");
        Assert.Equal("nil timeout", client.ReadLine());
        Thread.Sleep(500); // the last wait has its 60 s
        client.Send("second\n");
        Assert.Equal("then second", client.ReadLine());
    }

    [Fact]
    public void PeerCloseReturnsClosedWithThePartialData()
    {
        const string app = """
            kraken.registerApplication(function(c)
              local line, err, partial = c:receive()
              print(line, err, partial)
              io.stdout:flush()
              local ok, serr = c:send('x')
              kraken.stop()
            end)
            """;
        using var server = KrakenServerProcess.Start(KrakenProcess.Script("closed.lua", app + Listen));
        using (var client = server.Connect())
        {
            client.Send("half a li");
            client.Socket.Shutdown(SocketShutdown.Both);
        }
        Assert.Equal(0, server.WaitForExit());
        Assert.Equal("nil\tclosed\thalf a li\n", server.StdOut);
    }

    [Fact]
    public void AnErrorInOneConnectionLeavesTheOthersAlone()
    {
        using var server = KrakenServerProcess.Start(KrakenProcess.Script("iso.lua", EchoApp + Listen));
        using var good = server.Connect();
        using var bad = server.Connect();
        good.Send("one\n");
        Assert.Equal("one", good.ReadLine());
        bad.Send("boom\n");
        Assert.Null(bad.ReadLine()); // that connection is closed
        good.Send("two\n");
        Assert.Equal("two", good.ReadLine());
        using var later = server.Connect();
        later.Send("three\n");
        Assert.Equal("three", later.ReadLine());
        Assert.Contains("iso.lua:6: boom on request", server.WaitForStdErr("stack traceback:"));
        Assert.Contains("stack traceback:", server.StdErr);
        Assert.DoesNotContain("   at ", server.StdErr);
    }

    [Fact]
    public void GracefulStopLetsConnectionsInFlightFinish()
    {
        const string app = """
            kraken.registerApplication(function(c)
              local line = c:receive()
              kraken.sleep(0.5)
              c:send('done ' .. line .. '\n')
            end)
            """;
        using var server = KrakenServerProcess.Start(KrakenProcess.Script("grace.lua", app + Listen));
        using var client = server.Connect();
        client.Send("work\n");
        Thread.Sleep(100);
        server.Terminate();
        Assert.Equal("done work", client.ReadLine());
        Assert.Equal(0, server.WaitForExit());
        Assert.ThrowsAny<SocketException>(() => new KrakenServerProcess.Client(server.Port));
    }

    [Fact]
    public void SocketsWorkOutsideTheApplication()
    {
        // kraken.socket, bind/listen/accept, connect, spawn, sleep, getsockname/getpeername, and
        // waits inside pcall; the main chunk's own accept turns the loop until a client arrives.
        const string script = """
            local server = assert(kraken.socket())
            assert(server:bind{host = '127.0.0.1', port = 0})
            assert(server:listen(8))
            local host, port = server:getsockname()
            kraken.spawn(function()
              kraken.sleep(0.05)
              local c = assert(kraken.socket())
              assert(c:connect{host = host, port = port})
              local ok, line = pcall(function() c:send('ping\n'); return c:receive() end)
              print('client got', ok, line)
              c:close()
            end)
            local conn, address = server:accept()
            print('accepted from', address.host, (conn:getpeername()))
            print('server got', conn:receive())
            conn:send('pong\n')
            print('after close', conn:receive())
            conn:close(); conn:close()
            print(pcall(conn.receive, conn))
            local refused = assert(kraken.socket())
            print('refused', refused:connect{host = '127.0.0.1', port = 1})
            """;
        var r = KrakenProcess.Run([KrakenProcess.Script("own.lua", script)]);
        Assert.Equal("", r.StdErr);
        Assert.Equal(
            "accepted from\t127.0.0.1\t127.0.0.1\nserver got\tping\nclient got\ttrue\tpong\nafter close\tnil\tclosed\t\n" +
            "true\tnil\tclosed\t\nrefused\tnil\tconnection refused\n", r.StdOut);
    }

    [Fact]
    public void BadScriptsFailWithOneClearLine()
    {
        var badPort = KrakenProcess.Run([KrakenProcess.Script("p.lua", "print(kraken.registerAddress{host='127.0.0.1', port=70000})\n" +
            "kraken.registerApplication(function() end)\nassert(kraken.registerAddress{port='x'})")]);
        Assert.Equal("nil\tbad port '70000' (an integer from 0 to 65535 expected)\n", badPort.StdOut);
        Assert.Equal(1, badPort.ExitCode);
        Assert.Contains("p.lua:3: bad port 'x' (an integer from 0 to 65535 expected)\nstack traceback:", badPort.StdErr);

        var noApplication = KrakenProcess.Run([KrakenProcess.Script("n.lua", "kraken.registerAddress{host='127.0.0.1', port=0}")]);
        Assert.Equal(1, noApplication.ExitCode);
        Assert.EndsWith("an address is registered but no application (call kraken.registerApplication)\n", noApplication.StdErr);

        var noAddress = KrakenProcess.Run([KrakenProcess.Script("a.lua", "kraken.registerApplication(function() end)")]);
        Assert.Equal(1, noAddress.ExitCode);
        Assert.EndsWith("an application is registered but no address (call kraken.registerAddress{host=, port=})\n", noAddress.StdErr);

        var badHost = KrakenProcess.Run([KrakenProcess.Script("h.lua", "print(kraken.registerAddress{host='no such host.invalid', port=80})")]);
        Assert.StartsWith("nil\tbad host 'no such host.invalid'", badHost.StdOut);

        using var first = KrakenServerProcess.Start(KrakenProcess.Script("e.lua", EchoApp + Listen));
        var inUse = KrakenProcess.Run([KrakenProcess.Script("u.lua", EchoApp + $"\nkraken.registerAddress{{host='127.0.0.1', port={first.Port}}}\n")]);
        Assert.Equal(1, inUse.ExitCode);
        Assert.EndsWith($"cannot listen on 127.0.0.1:{first.Port}: address already in use\n", inUse.StdErr);
        Assert.DoesNotContain("   at ", inUse.StdErr);
    }

    [Fact]
    public void RegisterUserWithoutPrivilegeIsAClearError()
    {
        if (!OperatingSystem.IsLinux()) return;
        string script = KrakenProcess.Script("user.lua", EchoApp + Listen + "assert(kraken.registerUser(0))\n");
        File.SetUnixFileMode(Path.GetDirectoryName(script)!, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(script, (UnixFileMode)0b110_100_100);
        // as root, run kraken as "nobody" (65534) so that switching to root is refused
        using var server = KrakenServerProcess.Start([script], Environment.UserName == "root" ? "65534" : null);
        Assert.Equal(1, server.WaitForExit());
        Assert.Contains("registerUser(0): cannot switch to that user: operation not permitted", server.WaitForStdErr("operation not permitted"));
        Assert.Equal("nil\tunknown user id 3999999\n",
            KrakenProcess.Run([KrakenProcess.Script("u2.lua", "print(kraken.registerUser(3999999))")]).StdOut);
    }

    [Fact]
    public void MaxConnectionsHoldsBackExtraClientsUntilOneLeaves()
    {
        using var server = KrakenServerProcess.Start(KrakenProcess.Script("max.lua", EchoApp + Listen), "--max-connections", "1");
        using var first = server.Connect();
        first.Send("a\n");
        Assert.Equal("a", first.ReadLine());
        using var second = server.Connect(); // accepted by the kernel, not yet served
        second.Send("b\n");
        second.Socket.ReceiveTimeout = 300;
        Assert.ThrowsAny<SocketException>(() => second.ReadLine());
        first.Dispose();
        second.Socket.ReceiveTimeout = 10000;
        Assert.Equal("b", second.ReadLine());
    }

    [Fact]
    public void ChatExampleRelaysBetweenClientsAndStops()
    {
        var port = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        port.Start();
        int free = ((System.Net.IPEndPoint)port.LocalEndpoint).Port;
        port.Stop();
        var r = KrakenProcess.Run([KrakenProcess.RepoFile("examples/chat.lua"), free.ToString(), "demo"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("bot hello got: someone joined\n", r.StdOut);
        Assert.Contains("bot hi got: someone: hello\n", r.StdOut);
        Assert.Contains("bot hello got: someone: hi\n", r.StdOut);
    }

    [Fact]
    public void AClientThatNeverReadsOnlyBlocksItself()
    {
        const string app = """
            kraken.registerApplication(function(c)
              local what = c:receive()
              if what == 'flood' then
                c:settimeout(1)
                local chunk = string.rep('x', 65536)
                local sent = 0
                while true do
                  local ok, err, n = c:send(chunk)
                  if not ok then print('flood stopped:', err); io.stdout:flush(); return end
                  sent = sent + #chunk
                end
              end
              while what do c:send(what .. '\n'); what = c:receive() end
            end)
            """;
        using var server = KrakenServerProcess.Start(KrakenProcess.Script("flood.lua", app + Listen));
        using var flooder = server.Connect();
        flooder.Send("flood\n"); // and never read: the server's sends back up
        using var other = server.Connect();
        for (int i = 0; i < 20; i++)
        {
            other.Send($"ping {i}\n");
            Assert.Equal($"ping {i}", other.ReadLine());
        }
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!server.StdOut.Contains("flood stopped:\ttimeout") && DateTime.UtcNow < deadline) Thread.Sleep(50);
        Assert.Contains("flood stopped:\ttimeout", server.StdOut);
        other.Send("still here\n");
        Assert.Equal("still here", other.ReadLine());
    }

    [Fact]
    public void ListensOnIPv6()
    {
        using var server = KrakenServerProcess.Start(KrakenProcess.Script("v6.lua", EchoApp.Replace("127.0.0.1", "::1") +
            "\nassert(kraken.registerAddress{host = '::1', port = 0})\n"));
        using var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 10000 };
        socket.Connect(System.Net.IPAddress.IPv6Loopback, server.Port);
        socket.Send("six\n"u8);
        var buffer = new byte[16];
        int n = 0;
        while (n == 0 || buffer[n - 1] != '\n') n += socket.Receive(buffer, n, buffer.Length - n, SocketFlags.None);
        Assert.Equal("six\n", Encoding.ASCII.GetString(buffer, 0, n));
    }

    [Fact]
    public void LoopOptionsAndTimeoutsFromAScript()
    {
        const string script = """
            local s = assert(kraken.socket())
            print(s:getsockopt(kraken.SO.KEEPALIVE), s:setsockopt(kraken.SO.KEEPALIVE, true), s:getsockopt(kraken.SO.KEEPALIVE))
            print(s:setsockopt(kraken.SO.NODELAY, true), s:getsockopt(kraken.SO.NODELAY), s:getsockopt(99))
            local t, both = s:gettimeout()
            print(t, both.receive, both.send)
            s:settimeout(2.5)
            t, both = s:gettimeout()
            print(t, both.receive, both.send, kraken.AF.INET, kraken.SOCK.STREAM)
            print(tostring(s), type(kraken.SO.REUSEPORT))
            s:close()
            print(tostring(s))
            kraken.spawn(function() kraken.sleep(0.1); print('stopping'); kraken.stop() end)
            kraken.registerApplication(function() end)
            kraken.registerAddress{host = '127.0.0.1', port = 0}
            print('loop returned', kraken.loop())
            """;
        var r = KrakenProcess.Run([KrakenProcess.Script("opts.lua", script)]);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("false\ttrue\ttrue\ntrue\ttrue\tnil\tbad option id (use kraken.SO)\nnil\tnil\tnil\n" +
            "2.5\t2.5\t2.5\t2\t1\nkraken.socket (stream)\tnumber\nkraken.socket (closed)\nstopping\nloop returned\ttrue\n", r.StdOut);
    }

    [Fact]
    public void AScriptThatOnlySpawnsRunsItsCoroutinesToTheEnd()
    {
        // kraken.spawn starts its coroutine at the loop's next turn: until then it must count
        var r = KrakenProcess.Run([KrakenProcess.Script("spawn.lua",
            "kraken.spawn(function(a, b) print('ran', a, b) kraken.sleep(0.05) print('after') end, 1, 2)\nprint('main end')\n")]);
        Assert.Equal("", r.StdErr);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("main end\nran\t1\t2\nafter\n", r.StdOut);

        var loop = KrakenProcess.Run([KrakenProcess.Script("spawnloop.lua",
            "kraken.spawn(function() kraken.sleep(0.05) print('spawned') end)\nprint('loop', kraken.loop())\n")]);
        Assert.Equal("", loop.StdErr);
        Assert.Equal("spawned\nloop\ttrue\n", loop.StdOut);
    }

    [Fact]
    public void HugeTimeoutsMeanNoLimit()
    {
        // in a connection: the wait does not time out; the client sends only after "ready"
        const string app = """
            kraken.registerApplication(function(c)
              for _, t in ipairs{math.huge, 1e308} do
                c:settimeout(t)
                assert(c:send('ready ' .. tostring((c:gettimeout())) .. '\n'))
                local line, err = c:receive()
                assert(c:send(tostring(line) .. ' ' .. tostring(err) .. '\n'))
              end
              c:send(select(2, pcall(function() c:settimeout(0/0) end)) .. '\n')
            end)
            """;
        using var server = KrakenServerProcess.Start(KrakenProcess.Script("huge.lua", app + Listen));
        using var client = server.Connect();
        Assert.Equal("ready inf", client.ReadLine());
        client.Send("one\n");
        Assert.Equal("one nil", client.ReadLine());
        Assert.Equal("ready 1e+308", client.ReadLine());
        client.Send("two\n");
        Assert.Equal("two nil", client.ReadLine());
        Assert.EndsWith("huge.lua:8: bad argument #1 to 'settimeout' (seconds expected, got NaN)", client.ReadLine());

        // in the main chunk, whose waits turn the loop right there
        const string script = """
            local server = assert(kraken.socket())
            assert(server:bind{host = '127.0.0.1', port = 0})
            assert(server:listen(8))
            local host, port = server:getsockname()
            kraken.spawn(function()
              local c = assert(kraken.socket())
              assert(c:connect{host = host, port = port})
              kraken.sleep(0.05)
              c:send('late\n')
              c:close()
            end)
            local conn = assert(server:accept())
            conn:settimeout(math.huge)
            print(conn:receive())
            conn:settimeout(1e308)
            print(conn:receive())
            """;
        var r = KrakenProcess.Run([KrakenProcess.Script("hugemain.lua", script)]);
        Assert.Equal("", r.StdErr);
        Assert.Equal("late\nnil\tclosed\t\n", r.StdOut);
    }

    [Fact]
    public void AnUnboundedSleepLastsUntilTheServerStops()
    {
        const string script = """
            kraken.spawn(function() kraken.sleep(math.huge) print('woke from math.huge') end)
            kraken.spawn(function() kraken.sleep(1e308) print('woke from 1e308') end)
            kraken.spawn(function() kraken.sleep(-1) print('negative: at once') end)
            kraken.spawn(function() kraken.sleep(0.05) print('stopping') kraken.stop() end)
            print(pcall(function() kraken.sleep(0/0) end))
            """;
        var r = KrakenProcess.Run([KrakenProcess.Script("forever.lua", script)]);
        Assert.Equal("", r.StdErr);
        Assert.Equal(0, r.ExitCode);
        var lines = r.StdOut.Split('\n');
        Assert.StartsWith("false\t", lines[0]);
        Assert.EndsWith("forever.lua:5: bad argument #1 to 'sleep' (seconds expected, got NaN)", lines[0]);
        Assert.Equal(["negative: at once", "stopping", ""], lines[1..]);
    }

    [Fact]
    public void ASleepNeverEndsEarly()
    {
        // kraken.gettime() reads the clock of the timers. A coroutine that keeps yielding keeps
        // the loop turning, so that timers are looked at all the time, not only when epoll wakes
        // for them. Only "not earlier" is asserted (within the 1 us resolution of a double
        // holding Unix time): a slow machine makes sleeps late, never early.
        const string script = """
            local spinning = true
            kraken.spawn(function() while spinning do coroutine.yield() end end)
            kraken.spawn(function()
              local early = {}
              for i = 1, 40 do
                local t0 = kraken.gettime()
                kraken.sleep(0.0015)
                local elapsed = kraken.gettime() - t0
                if elapsed < 0.0015 - 1e-6 then early[#early + 1] = elapsed end
              end
              print('early', #early, table.concat(early, ' '))
              spinning = false
            end)
            """;
        var r = KrakenProcess.Run([KrakenProcess.Script("early.lua", script)]);
        Assert.Equal("", r.StdErr);
        Assert.Equal("early\t0\t\n", r.StdOut);
    }

    /// <summary>Runs a script whose `try(f, ...)` gives f's results, or "error: " and the message without its position.</summary>
    private static KrakenProcess.Result RunWithTry(string name, string script) =>
        KrakenProcess.Run([KrakenProcess.Script(name, """
            local function try(f, ...)
              local r = {pcall(f, ...)}
              if not r[1] then return 'error: ' .. tostring(r[2]):gsub('^[^:]*:%d+: ', '') end
              for i = 2, #r do r[i] = tostring(r[i]) end
              return table.concat(r, ' ', 2)
            end
            local server = assert(kraken.socket())
            assert(server:bind{host = '127.0.0.1', port = 0})
            assert(server:listen(8))
            local host, port = server:getsockname()
            local c = assert(kraken.socket())
            assert(c:connect{host = host, port = port})
            local a = assert(server:accept())

            """ + script)]);

    [Fact]
    public void ByteCountsAndBytesMustBeIntegersInRange()
    {
        var r = RunWithTry("counts.lua", """
            for _, v in ipairs{2^32, 2^31, 1e12, 2.5, -1} do print('receive', v, try(function() return c:receive(v) end)) end
            print('receive with prefix', try(function() return c:receive(2147483591, 'ab') end))
            for _, v in ipairs{0, 2^32 + 5, 1.5} do print('rawrecv', v, try(function() return c:rawrecv(v) end)) end
            for _, v in ipairs{256, -1, 65.7} do print('rawsend', v, try(function() return c:rawsend(v) end)) end
            print('receive 0', try(function() return c:receive(0) end))
            assert(a:rawsend(0) and a:rawsend(255) and a:send('abcxyz'))
            print('bytes', string.byte(c:receive(2), 1, 2))
            print('receive 3', try(function() return c:receive(3) end))
            print('rawrecv largest', try(function() return c:rawrecv(2147483591) end))
            """);
        Assert.Equal("", r.StdErr);
        const string receive = "error: bad argument #1 to 'receive' (invalid receive pattern: an integer from 0 to 2147483591 expected)";
        const string rawrecv = "error: bad argument #1 to 'rawrecv' (invalid byte count: an integer from 1 to 2147483591 expected)";
        const string rawsend = "error: bad argument #1 to 'rawsend' (invalid value: an integer from 0 to 255 expected)";
        Assert.Equal(
            $"receive\t4294967296\t{receive}\nreceive\t2147483648\t{receive}\nreceive\t1000000000000\t{receive}\n" +
            $"receive\t2.5\t{receive}\nreceive\t-1\t{receive}\n" +
            "receive with prefix\terror: bad argument #1 to 'receive' (invalid receive pattern: an integer from 0 to 2147483589 expected)\n" +
            $"rawrecv\t0\t{rawrecv}\nrawrecv\t4294967301\t{rawrecv}\nrawrecv\t1.5\t{rawrecv}\n" +
            $"rawsend\t256\t{rawsend}\nrawsend\t-1\t{rawsend}\nrawsend\t65.7\t{rawsend}\n" +
            "receive 0\t\nbytes\t0\t255\nreceive 3\tabc\nrawrecv largest\txyz\n", r.StdOut);
    }

    [Fact]
    public void MethodsOnAClosedSocketReturnNilAndClosed()
    {
        var r = RunWithTry("closed.lua", """
            c:close()
            print('accept', try(c.accept, c))
            print('bind', try(c.bind, c, {host = '127.0.0.1', port = 0}))
            print('listen', try(c.listen, c))
            print('connect', try(c.connect, c, {host = host, port = port}))
            print('receive', try(c.receive, c))
            print('receive *a with prefix', try(c.receive, c, '*a', 'pre'))
            print('rawrecv', try(c.rawrecv, c, 1))
            print('send', try(c.send, c, 'x'))
            print('rawsend', try(c.rawsend, c, 65))
            print('getsockopt', try(c.getsockopt, c, kraken.SO.KEEPALIVE))
            print('setsockopt', try(c.setsockopt, c, kraken.SO.KEEPALIVE, true))
            print('getpeername', try(c.getpeername, c))
            print('getsockname', try(c.getsockname, c))
            print('settimeout', try(c.settimeout, c, 1), (c:gettimeout()))
            print('close', try(c.close, c), try(c.close, c), tostring(c))
            server:close()
            print('server accept', try(server.accept, server))
            """);
        Assert.Equal("", r.StdErr);
        Assert.Equal("accept\tnil closed\nbind\tnil closed\nlisten\tnil closed\nconnect\tnil closed\nreceive\tnil closed \n" +
            "receive *a with prefix\tnil closed pre\nrawrecv\tnil closed \nsend\tnil closed 0\nrawsend\tnil closed 0\n" +
            "getsockopt\tnil closed\nsetsockopt\tnil closed\ngetpeername\tnil closed\ngetsockname\tnil closed\n" +
            "settimeout\ttrue\t1\nclose\ttrue\ttrue\tkraken.socket (closed)\nserver accept\tnil closed\n", r.StdOut);
    }

    [Fact]
    public void AHostMustBeANonEmptyString()
    {
        var r = RunWithTry("hosts.lua", """
            print('empty', kraken.registerAddress{host = '', port = 0})
            print('number', kraken.registerAddress{host = 12, port = 0})
            print('table', kraken.registerAddress{host = {}, port = 0})
            print('too long', kraken.registerAddress{host = string.rep('a', 300), port = 0} == nil)
            local s = assert(kraken.socket())
            print('bind', s:bind{host = '', port = 0})
            print('connect', s:connect{host = 127, port = port})
            print('default host', s:bind{port = 0})
            """);
        Assert.Equal("", r.StdErr);
        Assert.Equal("empty\tnil\tbad host ''\nnumber\tnil\tbad host (a string expected, got number)\n" +
            "table\tnil\tbad host (a string expected, got table)\ntoo long\ttrue\nbind\tnil\tbad host ''\n" +
            "connect\tnil\tbad host (a string expected, got number)\ndefault host\ttrue\n", r.StdOut);
    }

    [Fact]
    public void ConnectOnAConnectedSocketSaysAlreadyConnected()
    {
        var r = RunWithTry("isconn.lua", """
            print('again', try(c.connect, c, {host = host, port = port}))
            print('accepted', try(a.connect, a, {host = host, port = port}))
            print('listening', try(server.connect, server, {host = host, port = port}))
            assert(c:send('still usable\n'))
            print(a:receive())
            """);
        Assert.Equal("", r.StdErr);
        Assert.Equal("again\tnil already connected\naccepted\tnil already connected\nlistening\tnil already connected\nstill usable\n", r.StdOut);
    }
}
