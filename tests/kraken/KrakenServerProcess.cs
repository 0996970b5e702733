using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Kraken.Tests;

/// <summary>
/// A kraken server running a script, on an ephemeral 127.0.0.1 port that it reports on stderr
/// ("kraken: listening on 127.0.0.1:PORT"). Every wait is bounded; Dispose kills what is left.
/// </summary>
public sealed partial class KrakenServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new(), _stderr = new();
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private KrakenServerProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { lock (_stdout) if (e.Data is not null) _stdout.Append(e.Data).Append('\n'); };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_stderr) _stderr.Append(e.Data).Append('\n');
            var m = ListeningLine().Match(e.Data);
            if (m.Success) _port.TrySetResult(int.Parse(m.Groups[1].Value));
        };
        process.Exited += (_, _) => _port.TrySetException(new InvalidOperationException("kraken exited: " + StdErr));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>A script's last line: listen on an ephemeral 127.0.0.1 port (reported on stderr, read by <see cref="Port"/>).</summary>
    public const string Listen = "\nassert(kraken.registerAddress{host = '127.0.0.1', port = 0})\n";

    [GeneratedRegex(@"listening on [^ ]*:(\d+)$")]
    private static partial Regex ListeningLine();

    /// <summary>Starts kraken on a script (no wait for the listener: see <see cref="Port"/>).</summary>
    public static KrakenServerProcess Start(string script, params string[] extraArgs) => Start([.. extraArgs, script], null);

    public static KrakenServerProcess Start(string[] args, string? runAsUser)
    {
        var psi = new ProcessStartInfo(runAsUser is null ? "dotnet" : "setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (runAsUser is not null)
        {
            foreach (var a in new[] { "--reuid", runAsUser, "--regid", runAsUser, "--clear-groups", "dotnet" }) psi.ArgumentList.Add(a);
        }
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kraken.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("LUA_INIT");
        psi.Environment.Remove("KRAKEN_CONFIG");
        return new KrakenServerProcess(Process.Start(psi)!);
    }

    /// <summary>The port the server listens on (waits up to 20 s for it to start).</summary>
    public int Port => _port.Task.Wait(TimeSpan.FromSeconds(20)) ? _port.Task.Result : throw new TimeoutException("no listener; stderr: " + StdErr);

    public string StdOut { get { lock (_stdout) return _stdout.ToString(); } }
    public string StdErr { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>
    /// Waits (up to 10 s) until standard error contains <paramref name="text"/>, and returns it:
    /// the server writes it asynchronously, after it has already answered other clients.
    /// </summary>
    public string WaitForStdErr(string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!StdErr.Contains(text) && DateTime.UtcNow < deadline) Thread.Sleep(20);
        return StdErr;
    }

    /// <summary>A connected client with a read timeout.</summary>
    public Client Connect() => new(Port);

    /// <summary>SIGTERM (graceful stop).</summary>
    public void Terminate() => kill(_process.Id, 15);

    /// <summary>SIGKILL: the process ends at once, without any cleanup of its own.</summary>
    public void KillAbruptly() => kill(_process.Id, 9);

    public int Id => _process.Id;

    /// <summary>Waits for the process to end; returns its exit code.</summary>
    public int WaitForExit(int timeoutMs = 20000)
    {
        if (!_process.WaitForExit(timeoutMs)) throw new TimeoutException("kraken did not stop; stderr: " + StdErr);
        _process.WaitForExit(); // drain the output readers
        return _process.ExitCode;
    }

    /// <summary>Waits up to <paramref name="timeoutMs"/> for the process to end; false if it is still running.</summary>
    public bool TryWaitForExit(int timeoutMs, out int exitCode)
    {
        exitCode = 0;
        if (!_process.WaitForExit(timeoutMs)) return false;
        _process.WaitForExit(); // drain the output readers
        exitCode = _process.ExitCode;
        return true;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    /// <summary>A blocking test client with 10 s timeouts.</summary>
    public sealed class Client : IDisposable
    {
        public readonly Socket Socket;
        private readonly List<byte> _pending = [];

        public Client(int port)
        {
            Socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 10000, SendTimeout = 10000 };
            Socket.Connect("127.0.0.1", port);
        }

        public void Send(string text) => Socket.Send(Encoding.Latin1.GetBytes(text));

        /// <summary>Reads up to and including the next LF (without it); null when the server closed first.</summary>
        public string? ReadLine()
        {
            while (true)
            {
                int lf = _pending.IndexOf((byte)'\n');
                if (lf >= 0)
                {
                    string line = Encoding.Latin1.GetString([.. _pending.GetRange(0, lf)]);
                    _pending.RemoveRange(0, lf + 1);
                    return line;
                }
                var buffer = new byte[4096];
                int n = Socket.Receive(buffer);
                if (n == 0) return null;
                _pending.AddRange(buffer.AsSpan(0, n).ToArray());
            }
        }

        /// <summary>Everything until the server closes.</summary>
        public string ReadToEnd()
        {
            var buffer = new byte[4096];
            int n;
            while ((n = Socket.Receive(buffer)) > 0) _pending.AddRange(buffer.AsSpan(0, n).ToArray());
            string all = Encoding.Latin1.GetString([.. _pending]);
            _pending.Clear();
            return all;
        }

        public void Dispose() => Socket.Dispose();
    }
}
