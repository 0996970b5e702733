using System.Diagnostics;
using System.Runtime.InteropServices;

namespace KrakenHost.Server;

/// <summary>
/// --workers N: this process serves, and starts N-1 copies of itself that serve the same script
/// on the same port (SO_REUSEPORT: the kernel spreads connections across them). Each worker is a
/// whole kraken with its own Lua state and loop; nothing is shared. A stop signal to this process
/// is passed on to every worker, and this process waits for them.
/// </summary>
internal static partial class Workers
{
    /// <summary>Set in the children's environment (to their worker number) so that they do not fork again.</summary>
    public const string ChildVariable = "KRAKEN_WORKER";

    public static int Run(string programName, string[] args, int count, Func<int> serve)
    {
        var children = new List<Process>();
        for (int i = 1; i < count; i++)
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
            // under "dotnet kraken.dll" the entry assembly comes first
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
                start.ArgumentList.Add(Environment.GetCommandLineArgs()[0]);
            foreach (string a in args) start.ArgumentList.Add(a);
            start.Environment[ChildVariable] = i.ToString();
            try
            {
                children.Add(Process.Start(start)!);
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                Console.Error.WriteLine($"{programName}: cannot start worker {i}: {e.Message}");
            }
        }
        int code;
        try
        {
            code = serve();
        }
        finally
        {
            foreach (var child in children)
                if (!child.HasExited) kill(child.Id, 15 /* SIGTERM */);
            foreach (var child in children)
            {
                if (!child.WaitForExit(TimeSpan.FromSeconds(KrakenServer.GracePeriod + 5))) child.Kill();
                child.Dispose();
            }
        }
        return code;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);
}
