using System.Net.Sockets;
using System.Text.RegularExpressions;
using Xunit;

namespace Kraken.Tests;

/// <summary>
/// --workers N: the first process binds, the others serve its sockets and die with it. Real
/// processes on 127.0.0.1; every wait is bounded, and workers that outlive a failed test are
/// killed by pid (a first process killed with SIGKILL can no longer take them down).
/// </summary>
public sealed partial class WorkersTests
{
    /// <summary>
    /// Answers every connection with "worker-number pid uid". A spawned coroutine runs at the
    /// loop's first turn, that is once this process accepts: it announces "serving N PID".
    /// </summary>
    private const string App = """
        local worker = os.getenv('KRAKEN_WORKER') or '0'
        local pid = io.open('/proc/self/stat'):read('*l'):match('^%d+')
        local function uid() return io.open('/proc/self/status'):read('*a'):match('\nUid:%s*(%d+)') end
        kraken.registerApplication(function(c) c:send(worker .. ' ' .. pid .. ' ' .. uid() .. '\n') end)
        -- one write: the workers share stderr, and separate writes of one line could interleave
        kraken.spawn(function() io.stderr:write('serving ' .. worker .. ' ' .. pid .. '\n') end)
        """;

    [GeneratedRegex(@"^serving (\d+) (\d+)$", RegexOptions.Multiline)]
    private static partial Regex ServingLine();

    /// <summary>Waits (up to 30 s) until <paramref name="count"/> processes serve; returns worker number to pid.</summary>
    private static Dictionary<int, int> WaitUntilServing(KrakenServerProcess server, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var serving = ServingLine().Matches(server.StdErr).ToDictionary(m => int.Parse(m.Groups[1].Value), m => int.Parse(m.Groups[2].Value));
            if (serving.Count >= count) return serving;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("not all workers serve; stderr: " + server.StdErr);
            Thread.Sleep(50);
        }
    }

    /// <summary>True while the pid is a live process (a zombie has closed its sockets already: not alive).</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            char state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Kills what is left of a test's workers (only processes that still run its script).</summary>
    private static void KillLeftovers(IEnumerable<int> pids, string script)
    {
        foreach (int pid in pids)
        {
            try
            {
                if (IsAlive(pid) && File.ReadAllText($"/proc/{pid}/cmdline").Contains(script)) kill(pid, 9);
            }
            catch (IOException)
            {
                // gone meanwhile
            }
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    /// <summary>Fresh connections until every one of <paramref name="count"/> workers has answered (at most 2,000).</summary>
    private static Dictionary<string, string> Answers(int port, int count)
    {
        var seen = new Dictionary<string, string>();
        for (int i = 0; i < 2000 && seen.Count < count; i++)
        {
            using var client = new KrakenServerProcess.Client(port);
            string[] answer = (client.ReadLine() ?? "").Split(' ');
            seen[answer[0]] = string.Join(' ', answer.Skip(1));
        }
        return seen;
    }

    [Fact]
    public void PortZeroIsSharedByAllWorkers()
    {
        string script = KrakenProcess.Script("workers.lua", App + "assert(kraken.registerAddress{host='127.0.0.1', port=0})\n");
        using var server = KrakenServerProcess.Start(script, "--workers", "2");
        var pids = new List<int>();
        try
        {
            int port = server.Port;
            var serving = WaitUntilServing(server, 2);
            pids.AddRange(serving.Values);
            var seen = Answers(port, 2);
            Assert.Equal(["0", "1"], seen.Keys.Order());
            Assert.Equal(serving[1].ToString(), seen["1"].Split(' ')[0]);
            Assert.Single(Regex.Matches(server.StdErr, "listening on")); // only the first process announces
            server.Terminate();
            Assert.Equal(0, server.WaitForExit());
            Assert.False(IsAlive(serving[1])); // the first process waited for its worker
        }
        finally
        {
            KillLeftovers(pids, script);
        }
    }

    [Fact]
    public void WorkersDieWithTheFirstProcess()
    {
        string script = KrakenProcess.Script("orphans.lua", App + "assert(kraken.registerAddress{host='127.0.0.1', port=0})\n");
        using var server = KrakenServerProcess.Start(script, "--workers", "3");
        var pids = new List<int>();
        try
        {
            var serving = WaitUntilServing(server, 3);
            pids.AddRange(serving.Values);
            server.KillAbruptly();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (pids.Any(IsAlive) && DateTime.UtcNow < deadline) Thread.Sleep(50);
            // every process that answered is gone, so none serves as an orphan; the port itself is
            // not probed: once free, any other process on the machine may take it
            Assert.DoesNotContain(pids, IsAlive);
        }
        finally
        {
            KillLeftovers(pids, script);
        }
    }

    [Fact]
    public void ASecondGroupOnTheSamePortIsRefused()
    {
        int port = ServiceProcess.FreePort();
        string script = KrakenProcess.Script("group.lua", App + $"assert(kraken.registerAddress{{host='127.0.0.1', port={port}}})\n");
        using var server = KrakenServerProcess.Start(script, "--workers", "2");
        var pids = new List<int>();
        try
        {
            Assert.Equal(port, server.Port);
            pids.AddRange(WaitUntilServing(server, 2).Values);
            var second = KrakenProcess.Run(["--workers", "2", script]);
            Assert.Equal(1, second.ExitCode);
            Assert.Equal($"kraken: cannot listen on 127.0.0.1:{port}: address already in use\n", second.StdErr);
            Assert.Equal(["0", "1"], Answers(port, 2).Keys.Order()); // the first group still serves, alone
            server.Terminate();
            Assert.Equal(0, server.WaitForExit());
        }
        finally
        {
            KillLeftovers(pids, script);
        }
    }

    [Fact]
    public void WorkersSwitchUserAsTheFirstProcessDoes()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root") return; // switching to another user needs root
        string script = KrakenProcess.Script("user.lua", App + "assert(kraken.registerAddress{host='127.0.0.1', port=0})\nassert(kraken.registerUser(65534))\n");
        File.SetUnixFileMode(Path.GetDirectoryName(script)!, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(script, (UnixFileMode)0b110_100_100);
        using var server = KrakenServerProcess.Start(script, "--workers", "2");
        var pids = new List<int>();
        try
        {
            int port = server.Port;
            pids.AddRange(WaitUntilServing(server, 2).Values);
            var seen = Answers(port, 2);
            Assert.Equal(["0", "1"], seen.Keys.Order());
            Assert.All(seen.Values, answer => Assert.EndsWith(" 65534", answer));
            server.Terminate();
            Assert.Equal(0, server.WaitForExit());
        }
        finally
        {
            KillLeftovers(pids, script);
        }
    }

    [Fact]
    public void AWorkerThatRegistersOtherAddressesFailsClearly()
    {
        // worker 1 registers one address more than the first process
        string script = KrakenProcess.Script("mismatch.lua", App + """
            assert(kraken.registerAddress{host='127.0.0.1', port=0})
            if os.getenv('KRAKEN_WORKER') then assert(kraken.registerAddress{host='127.0.0.1', port=0}) end
            """);
        using var server = KrakenServerProcess.Start(script, "--workers", "2");
        var pids = new List<int>();
        try
        {
            int port = server.Port;
            pids.AddRange(WaitUntilServing(server, 1).Values);
            Assert.Contains("kraken: worker 1: the script registered 2 address(es), the first process listens on 1\n",
                server.WaitForStdErr("the first process listens on"));
            using (var client = new KrakenServerProcess.Client(port)) Assert.StartsWith("0 ", client.ReadLine());
            server.Terminate();
            Assert.Equal(0, server.WaitForExit());
        }
        finally
        {
            KillLeftovers(pids, script);
        }
    }
}
