using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace KrakenHost.Server;

/// <summary>
/// --workers N: a group of N processes serving one script on the same listening sockets.
/// <para>
/// The first process runs the script, binds every registered address itself (so port 0 is
/// resolved once), and only then starts N-1 copies of itself, handing them the listening
/// descriptors: FD_CLOEXEC is cleared on them around Process.Start, and their numbers are passed
/// in KRAKEN_WORKER_FDS. A worker runs the same script and, instead of binding, wraps the
/// inherited descriptors in the order of its own registerAddress calls. All processes accept
/// from the same kernel sockets, so no SO_REUSEPORT is needed, and another group started on the
/// same port fails with "address already in use" while this one lives.
/// </para>
/// <para>
/// A worker must not outlive the first process (an orphan would keep the port): it asks the
/// kernel for SIGTERM when its parent dies (PR_SET_PDEATHSIG), which is kraken's graceful stop,
/// so its listeners close at once. The kernel sends that signal when the parent *thread* that
/// forked it exits, so the workers are started from the loop thread, which is the process's main
/// thread (Program.Main runs the script there) and lives as long as the process.
/// </para>
/// Each stop request to the first process is passed on to the workers, and the first process
/// waits for them before it exits.
/// </summary>
internal sealed class Workers
{
    /// <summary>The worker's number (1 to N-1) in its environment; scripts may read it. Not set in the first process.</summary>
    public const string NumberVariable = "KRAKEN_WORKER";
    /// <summary>The inherited listening descriptors, comma-separated, in registerAddress order.</summary>
    private const string DescriptorsVariable = "KRAKEN_WORKER_FDS";
    /// <summary>The first process's pid, to check that it is still the worker's parent.</summary>
    private const string ParentVariable = "KRAKEN_WORKER_PARENT";

    private readonly string[] _args = [];
    private readonly int _count;
    private readonly List<Child> _children = [];
    private readonly int _parent;
    private int[]? _inherited;

    private sealed class Child(Process process, int number)
    {
        public readonly Process Process = process;
        public readonly int Number = number;
        /// <summary>False while a stop could not be delivered (see <see cref="Stop"/>).</summary>
        public bool Signalled;
    }

    private Workers(string[] args, int count)
    {
        _args = args;
        _count = count;
    }

    private Workers(int number, int parent, int[] inherited)
    {
        Number = number;
        _parent = parent;
        _inherited = inherited;
    }

    /// <summary>0 in the first process, 1 to N-1 in a worker.</summary>
    public int Number { get; }
    public bool IsWorker => Number > 0;

    /// <summary>
    /// True in a process started by a group's first process. Told by the descriptor variable, not
    /// by KRAKEN_WORKER: a worker removes it from its environment, so a kraken that a worker's
    /// script starts is an ordinary kraken again.
    /// </summary>
    public static bool StartedAsWorker => Environment.GetEnvironmentVariable(DescriptorsVariable) is not null;

    /// <summary>The first process of a group of <paramref name="count"/>; it starts the others from <see cref="Start"/>.</summary>
    public static Workers First(string[] args, int count) => new(args, count);

    /// <summary>
    /// Joins the group this process was started for, first thing: ties the worker to the first
    /// process, and keeps the inherited descriptors from leaking into processes the script starts.
    /// Null (after one line on stderr) when the environment is broken or the first process is gone.
    /// </summary>
    public static Workers? Join(string programName)
    {
        string? numberText = Environment.GetEnvironmentVariable(NumberVariable);
        string descriptorsText = Environment.GetEnvironmentVariable(DescriptorsVariable) ?? "";
        string? parentText = Environment.GetEnvironmentVariable(ParentVariable);
        // the script's children must not see these (they would take themselves for workers)
        Environment.SetEnvironmentVariable(DescriptorsVariable, null);
        Environment.SetEnvironmentVariable(ParentVariable, null);
        int number = 0, parent = 0;
        bool valid = int.TryParse(numberText, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;
        valid &= int.TryParse(parentText, NumberStyles.None, CultureInfo.InvariantCulture, out parent) && parent > 1;
        var descriptors = new List<int>();
        foreach (string part in descriptorsText.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            valid &= int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int fd) && fd > 2;
            descriptors.Add(fd);
        }
        if (!valid)
        {
            Console.Error.WriteLine($"{programName}: bad worker environment ({NumberVariable}, {DescriptorsVariable}, {ParentVariable})");
            return null;
        }
        foreach (int fd in descriptors)
        {
            // the parent cleared FD_CLOEXEC only so that exec keeps them; nothing else may inherit them
            if (!LinuxInterop.SetCloseOnExec(fd, true))
            {
                Console.Error.WriteLine($"{programName}: worker {number}: listening descriptor {fd} was not inherited");
                return null;
            }
        }
        var worker = new Workers(number, parent, [.. descriptors]);
        if (!worker.WatchParent())
        {
            Console.Error.WriteLine($"{programName}: worker {number}: the first process has exited");
            return null;
        }
        return worker;
    }

    /// <summary>
    /// In a worker: SIGTERM when the first process dies. Also called after a user switch, which
    /// clears the setting. False when the parent died before the call (then no signal would come):
    /// the worker must exit at once.
    /// </summary>
    public bool WatchParent()
    {
        LinuxInterop.prctl(LinuxInterop.PR_SET_PDEATHSIG, LinuxInterop.SIGTERM, 0, 0, 0);
        return LinuxInterop.getppid() == _parent;
    }

    /// <summary>
    /// In a worker: the listening sockets the first process bound, in the order of this process's
    /// registerAddress calls, checked against them. Null and a message when the script registered
    /// other addresses than in the first process (a script must register the same in every worker).
    /// </summary>
    public List<Socket>? TakeListeners(IReadOnlyList<IPEndPoint> addresses, out string? error)
    {
        error = null;
        int[]? descriptors = _inherited;
        _inherited = null;
        if (descriptors is null)
        {
            error = $"worker {Number}: the inherited listeners are already used (kraken.loop can serve only once in a worker)";
            return null;
        }
        var sockets = new List<Socket>();
        foreach (int fd in descriptors)
        {
            try
            {
                sockets.Add(new Socket(new SafeSocketHandle(fd, ownsHandle: true)));
            }
            catch (SocketException)
            {
                error = $"worker {Number}: inherited descriptor {fd} is not a socket";
                break;
            }
        }
        if (error is null && sockets.Count != addresses.Count)
            error = $"worker {Number}: the script registered {addresses.Count} address(es), the first process listens on {sockets.Count}";
        for (int i = 0; error is null && i < sockets.Count; i++)
        {
            var local = sockets[i].LocalEndPoint as IPEndPoint;
            if (local is null || !local.Address.Equals(addresses[i].Address) || (addresses[i].Port != 0 && addresses[i].Port != local.Port))
                error = $"worker {Number}: the script registered {KrakenServer.Describe(addresses[i])} where the first process listens on {(local is null ? "?" : KrakenServer.Describe(local))}";
        }
        if (error is null) return sockets;
        foreach (var socket in sockets) socket.Dispose();
        return null;
    }

    /// <summary>
    /// In the first process, once its listeners are bound (before its user switch, so that the
    /// workers run the script as the first process did): starts the N-1 workers on them. A worker
    /// that cannot be started is reported and the others serve.
    /// </summary>
    public void Start(IReadOnlyList<Socket> listeners, Action<string> log)
    {
        int[] descriptors = [.. listeners.Select(s => (int)s.Handle)];
        // Cleared only for the time of the Process.Start calls; the loop thread (this one) is the
        // only thread that starts processes, so nothing else can inherit them meanwhile.
        foreach (int fd in descriptors) LinuxInterop.SetCloseOnExec(fd, false);
        try
        {
            for (int i = 1; i < _count; i++)
            {
                var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
                // under "dotnet kraken.dll" the entry assembly comes first
                if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
                    start.ArgumentList.Add(Environment.GetCommandLineArgs()[0]);
                foreach (string a in _args) start.ArgumentList.Add(a);
                start.Environment[NumberVariable] = i.ToString(CultureInfo.InvariantCulture);
                start.Environment[DescriptorsVariable] = string.Join(',', descriptors);
                start.Environment[ParentVariable] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
                try
                {
                    _children.Add(new Child(Process.Start(start)!, i));
                }
                catch (Win32Exception e)
                {
                    log($"cannot start worker {i}: {Marshal.GetPInvokeErrorMessage(e.NativeErrorCode).ToLowerInvariant()}");
                }
            }
        }
        finally
        {
            foreach (int fd in descriptors) LinuxInterop.SetCloseOnExec(fd, true);
        }
    }

    /// <summary>
    /// In the first process: passes a stop request (SIGTERM) on to every worker; a second request
    /// makes them close their connections at once, as it does here. A worker that has not yet
    /// switched user when this process already has cannot be signalled (EPERM): it is signalled
    /// again while <see cref="WaitForExit"/> waits.
    /// </summary>
    public void Stop()
    {
        foreach (var child in _children)
            if (!child.Process.HasExited) child.Signalled = LinuxInterop.kill(child.Process.Id, LinuxInterop.SIGTERM) == 0;
    }

    /// <summary>
    /// In the first process, when it has stopped serving: stops the workers if no stop was passed
    /// on yet, and waits for them (a grace period plus 5 s; then they are killed).
    /// </summary>
    public void WaitForExit()
    {
        if (_children.Count == 0) return;
        if (!_children.Any(c => c.Signalled)) Stop();
        var deadline = DateTime.UtcNow.AddSeconds(KrakenServer.GracePeriod + 5);
        foreach (var child in _children)
        {
            while (!child.Process.WaitForExit(TimeSpan.FromMilliseconds(200)))
            {
                if (DateTime.UtcNow > deadline)
                {
                    LinuxInterop.kill(child.Process.Id, LinuxInterop.SIGKILL);
                    child.Process.WaitForExit(TimeSpan.FromSeconds(2));
                    break;
                }
                if (!child.Signalled) child.Signalled = LinuxInterop.kill(child.Process.Id, LinuxInterop.SIGTERM) == 0;
            }
            child.Process.Dispose();
        }
        _children.Clear();
    }
}
