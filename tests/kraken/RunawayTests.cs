using Xunit;

namespace Kraken.Tests;

/// <summary>
/// Runaway protection (docs/server.md, "Runaway coroutines"): a coroutine that runs too long
/// without yielding is stopped with a Lua error and the others go on; a second stop signal ends
/// the process even while Lua code spins. Limits are set low here so that nothing waits long;
/// every assertion is about behaviour, with generous bounds.
/// </summary>
public sealed class RunawayTests
{
    private const string Listen = KrakenServerProcess.Listen;

    [Fact]
    public void ASpinningConnectionIsStoppedAndTheOthersGoOn()
    {
        const string app = """
            kraken.setRunawayLimit(0.3)
            kraken.spawn(function() local n = 0 while true do n = n + 1 end end)
            kraken.registerApplication(function(c)
              local line = c:receive()
              if line == 'spin' then
                -- pcall cannot keep it going: the error is raised again at the next instruction
                while true do pcall(function() while true do end end) end
              elseif line == 'pattern' then
                local s = string.rep('a', 40)
                c:send(tostring(s:find(string.rep('a*', 30) .. 'b')) .. '\n')
              elseif line == 'resume' then
                -- inside a coroutine the script resumes itself
                coroutine.wrap(function() while true do end end)()
              end
              c:send('echo ' .. line .. '\n')
            end)
            """;
        using var server = KrakenServerProcess.Start(KrakenProcess.Script("spin.lua", app + Listen));
        foreach (string request in new[] { "spin", "pattern", "resume" })
        {
            using var runaway = server.Connect();
            runaway.Send(request + "\n");
            using var other = server.Connect();
            other.Send("hello\n");
            Assert.Null(runaway.ReadLine()); // stopped: its connection is closed
            Assert.Equal("echo hello", other.ReadLine());
        }
        // the log lines come through a pipe, in no order the test can rely on: wait for each
        foreach (string line in new[] { "spin.lua:2: runaway coroutine stopped: it ran for 0.3 s without yielding",
            "spin.lua:7: runaway coroutine stopped", "in function 'find'", "spin.lua:13: runaway coroutine stopped" })
            Assert.True(server.WaitForStdErr(line).Contains(line), $"no '{line}' in: {server.StdErr}");
        string log = server.StdErr;
        Assert.Contains("stack traceback:", log);
        Assert.DoesNotContain("   at ", log);
        using var later = server.Connect();
        later.Send("still serving\n");
        Assert.Equal("echo still serving", later.ReadLine());
    }

    [Fact]
    public void TheLimitCanBeSetAndTurnedOff()
    {
        // off: a connection may compute for 0.5 s, past the 0.2 s limit set first (CPU seconds: os.clock)
        const string app = """
            io.stderr:write('default ', kraken.setRunawayLimit(0.2), '\n')
            io.stderr:write('was ', kraken.setRunawayLimit(false), '\n')
            io.stderr:write(select(2, pcall(function() kraken.setRunawayLimit(-1) end)), '\n')
            kraken.registerApplication(function(c)
              c:receive()
              local start = os.clock()
              while os.clock() - start < 0.5 do end
              c:send('finished\n')
            end)
            """;
        using var server = KrakenServerProcess.Start(KrakenProcess.Script("off.lua", app + Listen));
        using var client = server.Connect();
        client.Send("go\n");
        Assert.Equal("finished", client.ReadLine());
        Assert.Contains("default 10\nwas 0.2\n", server.StdErr);
        Assert.Contains("off.lua:3: bad argument #1 to 'setRunawayLimit' (non-negative number expected)\n", server.StdErr);

        using var fromCommandLine = KrakenServerProcess.Start(
            KrakenProcess.Script("cli.lua", "io.stderr:write('limit ', kraken.setRunawayLimit(1), '\\n')" + Listen.Replace("\n", " ")
                + "kraken.registerApplication(function() end)"), "--runaway-limit", "2.5");
        Assert.Contains("limit 2.5", fromCommandLine.WaitForStdErr("limit"));
        var bad = KrakenProcess.Run(["--runaway-limit", "soon", "-e", ""]);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--runaway-limit needs a number of seconds", bad.StdErr);
    }

    [Fact]
    public void ASecondSignalEndsAProcessWhoseLuaCodeSpins()
    {
        const string app = """
            kraken.setRunawayLimit(0)
            kraken.registerApplication(function(c)
              c:receive()
              io.stderr:write('spinning\n')
              while true do end
            end)
            """;
        using var server = KrakenServerProcess.Start(KrakenProcess.Script("spin2.lua", app + Listen));
        using var client = server.Connect();
        client.Send("go\n");
        server.WaitForStdErr("spinning");
        Assert.Equal(0, SignalUntilExit(server)); // the second signal interrupts the spinning code

        Assert.Contains("spin2.lua:5: interrupted by a second stop signal", server.StdErr);
    }

    [Fact]
    public void ASecondSignalEndsAProcessBlockedOutsideLua()
    {
        // native work that cannot be interrupted: the process exits anyway
        const string app = """
            kraken.registerApplication(function(c)
              c:receive()
              io.stderr:write('blocked\n')
              os.execute('sleep 15')
            end)
            """;
        using var server = KrakenServerProcess.Start(KrakenProcess.Script("block.lua", app + Listen));
        using var client = server.Connect();
        client.Send("go\n");
        server.WaitForStdErr("blocked");
        Assert.Equal(1, SignalUntilExit(server));
        Assert.Contains("kraken: stopped at once: Lua code did not return to the loop", server.StdErr);
    }

    /// <summary>
    /// SIGTERM, again and again until the process ends (at most 10 times, 3 s apart): two signals
    /// sent back to back may reach the process as one, so the test does not count on the second.
    /// </summary>
    private static int SignalUntilExit(KrakenServerProcess server)
    {
        for (int i = 0; i < 10; i++)
        {
            server.Terminate();
            if (server.TryWaitForExit(3000, out int code)) return code;
        }
        throw new TimeoutException("kraken did not stop; stderr: " + server.StdErr);
    }
}
