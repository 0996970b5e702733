using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Kraken.Tests;

/// <summary>
/// A real server program a test starts (redis-server, nginx) in a temporary folder of its own,
/// its output drained; Dispose stops it and removes the folder.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;

    /// <summary>The service's own temporary folder.</summary>
    public string Folder { get; }

    private ServiceProcess(Process process, string folder)
    {
        _process = process;
        Folder = folder;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>A new empty folder under the system's temporary folder, named after <paramref name="service"/>.</summary>
    public static string NewFolder(string service)
    {
        string folder = Path.Combine(Path.GetTempPath(), $"kraken-{service}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>A port free on 127.0.0.1 now (another process may still take it before the service binds it).</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>Starts <paramref name="executable"/> with <paramref name="arguments"/> in <paramref name="folder"/>.</summary>
    public static ServiceProcess Start(string executable, IEnumerable<string> arguments, string folder)
    {
        var psi = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServiceProcess(process, folder);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10000);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // left for the system's cleanup of the temporary folder
        }
    }
}
