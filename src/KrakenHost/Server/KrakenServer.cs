using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using LuaVm;
using LuaVm.Runtime;

namespace KrakenHost.Server;

/// <summary>
/// The kraken server: the event loop, the coroutines it runs (one per connection, plus
/// kraken.spawn's), the listeners of the registered addresses and a graceful stop. Every method
/// runs on the loop thread, which is the thread that owns the Lua state.
/// </summary>
internal sealed class KrakenServer : IDisposable
{
    /// <summary>Seconds open connections get to finish after a stop is asked for.</summary>
    public const double GracePeriod = 5;

    private readonly LuaState _state;
    private readonly string _programName;
    /// <summary>The coroutines the loop runs, each with the callback that resumes it with a wait's results (made once, not per wait).</summary>
    private readonly Dictionary<LuaThread, Action<LuaValue[]>> _managed = [];
    private readonly Dictionary<LuaThread, KrakenSocket> _connectionOf = [];
    private readonly List<KrakenSocket> _listeners = [];
    private readonly List<IPEndPoint> _addresses = [];
    private LuaThread? _parked;
    private bool _stopping, _stopped, _forced;
    private List<PosixSignalRegistration>? _signals;
    private int _signalCount;
    private readonly ManualResetEventSlim _served = new();

    public KrakenServer(LuaState state, string programName)
    {
        _state = state;
        _programName = programName;
        Loop = new EventLoop();
        Watchdog = new Watchdog(state, Watchdog.DefaultLimit);
    }

    public EventLoop Loop { get; }
    /// <summary>Stops coroutines that run too long without yielding (kraken.setRunawayLimit, --runaway-limit).</summary>
    public Watchdog Watchdog { get; }
    public LuaFunction? Application { get; set; }
    public uint? User { get; set; }
    public int MaxConnections { get; set; } = int.MaxValue;
    /// <summary>Set by --workers: the group this process starts (the first process) or serves in (a worker).</summary>
    public Workers? Workers { get; set; }
    public bool CanAccept => !_stopping && _connectionOf.Count < MaxConnections;
    /// <summary>True once kraken.loop() (or the host) has served and stopped.</summary>
    public bool HasRun { get; private set; }

    /// <summary>True when the script left something to serve or run: an application, an address, or spawned coroutines.</summary>
    public bool IsPending => !HasRun && (Application is not null || _addresses.Count > 0 || HasCoroutines);

    /// <summary>
    /// True for a coroutine the loop runs (a connection's, a spawn's): it always returns to the
    /// loop, which writes what its sends held before it waits again, so its sends may be held.
    /// </summary>
    public bool Runs(LuaThread thread) => _managed.ContainsKey(thread);

    /// <summary>
    /// Coroutines the loop runs or is about to start: kraken.spawn starts its coroutine at the
    /// loop's next turn, and until then only <see cref="_spawnsPending"/> tells that it exists.
    /// </summary>
    private bool HasCoroutines => _managed.Count > 0 || _spawnsPending > 0;

    private int _spawnsPending;

    public void AddAddress(IPEndPoint endpoint) => _addresses.Add(endpoint);

    // ---- coroutines ----

    /// <summary>kraken.spawn: runs a function in a new coroutine at the loop's next turn (not inside the caller).</summary>
    public void SpawnLater(LuaFunction function, LuaValue[] args)
    {
        _spawnsPending++;
        Loop.Defer(() =>
        {
            _spawnsPending--;
            Spawn(function, args);
        });
    }

    /// <summary>Runs a function in a new coroutine that the loop schedules.</summary>
    public LuaThread Spawn(LuaFunction function, LuaValue[] args, KrakenSocket? connection = null)
    {
        var thread = _state.NewThread(function);
        thread.CaptureTraceback = true;
        _managed.Add(thread, results => Resume(thread, results));
        if (connection is not null) _connectionOf[thread] = connection;
        Resume(thread, args);
        return thread;
    }

    private void Resume(LuaThread thread, LuaValue[] args)
    {
        long outer = Watchdog.Enter();
        ResumeResult result;
        try
        {
            result = _state.Resume(thread, args);
        }
        finally
        {
            Watchdog.Leave(outer);
        }
        if (result.Outcome == ResumeOutcome.Yielded)
        {
            if (ReferenceEquals(_parked, thread))
            {
                _parked = null; // waiting for a socket, a timer or a connect: the loop resumes it
                return;
            }
            Loop.Defer(() => Resume(thread, [])); // a plain coroutine.yield(): the others run, then it goes on
            return;
        }
        _managed.Remove(thread);
        if (result.Outcome == ResumeOutcome.Failed) LogError(result.Error!);
        if (_connectionOf.Remove(thread, out var connection)) connection.Close();
    }

    /// <summary>
    /// Finishes a socket call: at once when the operation completes now; otherwise the calling
    /// coroutine yields to the loop, or, outside the loop's coroutines (the main chunk, a
    /// coroutine the script resumes itself), the loop turns right here until the call is done.
    /// </summary>
    public int Await(CallContext call, IOperation op) =>
        op.Attempt() ? Return(call, op.Results) : Suspend(call, op);

    /// <summary>kraken.sleep.</summary>
    public int Sleep(CallContext call, double seconds) => Suspend(call, new SleepWait(Loop, seconds));

    /// <summary>
    /// Waits for <paramref name="wait"/> and returns its results from the call: the coroutine
    /// yields to the loop if the loop runs it, otherwise the loop turns right here until done.
    /// </summary>
    public int Suspend(CallContext call, IWait wait)
    {
        var thread = call.Thread;
        if (_managed.TryGetValue(thread, out var resume))
        {
            if (!wait.Wait(resume)) return Busy(call);
            _parked = thread;
            return call.Yield(0);
        }
        LuaValue[]? finished = null;
        if (!wait.Wait(results => finished = results)) return Busy(call);
        long mark = Watchdog.Pause();
        Loop.RunUntil(() => finished is not null);
        Watchdog.Resumed(mark);
        return Return(call, finished ?? [LuaValue.Nil, "closed"]);
    }

    private static int Busy(CallContext call) =>
        call.Return(LuaValue.Nil, "another coroutine is already waiting on this socket");

    public static int Return(CallContext call, LuaValue[] values)
    {
        foreach (var v in values) call.Push(v);
        return values.Length;
    }

    // ---- serving ----

    /// <summary>
    /// Opens the listeners (starting the other workers of a group), switches user, and turns the
    /// loop until stopped; returns the exit code. The first process of a group waits for its
    /// workers before it returns.
    /// </summary>
    public int Serve()
    {
        HasRun = true;
        if (Application is null && _addresses.Count > 0) return Fail("an address is registered but no application (call kraken.registerApplication)");
        if (Application is not null && _addresses.Count == 0) return Fail("an application is registered but no address (call kraken.registerAddress{host=, port=})");
        // signals first: a stop that comes while the workers start is then a graceful stop at
        // the loop's first turn (and is passed on to them), not the runtime's default exit
        HandleSignals();
        try
        {
            if (Application is not null && !OpenListeners()) return 1;
            // every connection's turn is a resume: the loop thread keeps the state, so that each
            // resume skips claiming it and switching the thread's allocation count (docs/embedding.md)
            using var held = _state.HoldOnThisThread();
            Loop.RunUntil(() => _stopped || (_stopping && (_connectionOf.Count == 0 || _forced))
                || (Application is null && !HasCoroutines));
            foreach (var connection in _connectionOf.Values.ToArray()) connection.Close();
            return 0;
        }
        finally
        {
            foreach (var s in _signals ?? []) s.Dispose();
            _signals = null;
            _served.Set();
            foreach (var listener in _listeners) listener.Close();
            _listeners.Clear();
            if (Workers is { IsWorker: false } group) group.WaitForExit();
        }
    }

    /// <summary>
    /// Binds the registered addresses (a worker takes the first process's sockets instead),
    /// starts the group's other workers, switches user, and only then accepts: a pending
    /// connection on a shared socket must not be served before the switch.
    /// </summary>
    private bool OpenListeners()
    {
        List<Socket> sockets;
        if (Workers is { IsWorker: true } worker)
        {
            var inherited = worker.TakeListeners(_addresses, out string? error);
            if (inherited is null) return Fail(error!) == 0;
            sockets = inherited;
        }
        else
        {
            sockets = [];
            foreach (var endpoint in _addresses)
            {
                var socket = Listen(endpoint);
                if (socket is null)
                {
                    foreach (var bound in sockets) bound.Dispose();
                    return false;
                }
                sockets.Add(socket);
                // only the first process announces: every worker serves these same sockets
                LogLine($"listening on {Describe((IPEndPoint)socket.LocalEndPoint!)}");
            }
        }
        foreach (var socket in sockets) _listeners.Add(new KrakenSocket(Loop, socket) { IsListening = true });
        // the workers start as this process did (before its user switch), and switch themselves
        if (Workers is { IsWorker: false } group) group.Start(sockets, LogLine);
        if (User is uint uid && !SwitchUser(uid)) return false;
        // a user switch clears PR_SET_PDEATHSIG: ask again, and stop if the first process died meanwhile
        if (Workers is { IsWorker: true } member && User is not null && !member.WatchParent())
            return Fail($"worker {member.Number}: the first process has exited") == 0;
        foreach (var listener in _listeners)
        {
            listener.Watch();
            var accepting = new ListenerOperation(listener, this);
            accepting.Wait(_ => { });
            accepting.Retry();
        }
        return true;
    }

    /// <summary>A bound, listening socket for an address, or null after the error is logged.</summary>
    private Socket? Listen(IPEndPoint endpoint)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // SO_REUSEADDR only (binding next to TIME_WAIT connections of a previous run); the
            // workers of a group share this very socket, so no SO_REUSEPORT: another group on
            // the same port gets "address already in use"
            socket.SetRawSocketOption(1, 2 /* SO_REUSEADDR */, BitConverter.GetBytes(1));
            if (endpoint.AddressFamily == AddressFamily.InterNetworkV6) socket.DualMode = endpoint.Address.Equals(IPAddress.IPv6Any);
            socket.Bind(endpoint);
            socket.Listen(4096);
            return socket;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            Fail($"cannot listen on {Describe(endpoint)}: {KrakenSocket.Describe(e.SocketErrorCode)}");
            return null;
        }
    }

    /// <summary>A new connection: the application runs in its own coroutine as f(client, {host=, port=}).</summary>
    public void StartConnection(Socket client)
    {
        client.NoDelay = true; // replies written in pieces must not wait for delayed ACKs
        var connection = new KrakenSocket(Loop, client);
        connection.Watch();
        var peer = client.RemoteEndPoint as IPEndPoint;
        connection.OnClosed = () => Loop.Defer(ResumeAccepting);
        Spawn(Application!, [KrakenModule.WrapSocket(_state, connection), KrakenModule.AddressTable(peer)], connection);
    }

    private void ResumeAccepting()
    {
        if (!CanAccept) return;
        foreach (var listener in _listeners) listener.OnReady(readable: true, writable: false, hangUp: false);
    }

    /// <summary>Graceful stop: no new connections; open ones get <see cref="GracePeriod"/> seconds, then are closed.</summary>
    public void Stop()
    {
        Workers?.Stop(); // every stop request to the first process is passed on to its workers
        if (_stopping)
        {
            ForceClose();
            return;
        }
        _stopping = true;
        foreach (var listener in _listeners) listener.Close();
        Loop.AddTimer(GracePeriod, ForceClose);
        if (Application is null) _stopped = true;
    }

    private void ForceClose()
    {
        foreach (var connection in _connectionOf.Values.ToArray()) connection.Close();
        Loop.AddTimer(1, () => _forced = true); // coroutines that ignore "closed" cannot hold the exit
    }

    private void HandleSignals()
    {
        _signals = [];
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
            _signals.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                OnStopSignal();
            }));
    }

    /// <summary>
    /// On the signal thread. The first signal asks the loop for a graceful stop; the second asks
    /// it to close everything at once, and also makes sure that happens within a second even
    /// when Lua code spins without returning to the loop (the watchdog turned off, say): Lua code
    /// still running after a moment is interrupted, and if the loop has still not finished, the
    /// process exits.
    /// </summary>
    private void OnStopSignal()
    {
        Loop.Post(Stop);
        if (Interlocked.Increment(ref _signalCount) != 2) return;
        var backstop = new Thread(() =>
        {
            if (_served.Wait(TimeSpan.FromMilliseconds(300))) return;
            _state.Interrupt("interrupted by a second stop signal");
            if (_served.Wait(TimeSpan.FromMilliseconds(600))) return;
            Console.Error.WriteLine($"{_programName}: stopped at once: Lua code did not return to the loop");
            Environment.Exit(1);
        }) { IsBackground = true, Name = "kraken stop" };
        backstop.Start();
    }

    private bool SwitchUser(uint uid)
    {
        uint gid = LinuxInterop.GroupOfUser(uid) ?? uid;
        LinuxInterop.setgroups(0, 0);
        if (LinuxInterop.setgid(gid) != 0 || LinuxInterop.setuid(uid) != 0)
        {
            string reason = Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()).ToLowerInvariant();
            return Fail($"registerUser({uid}): cannot switch to that user: {reason}") == 0;
        }
        return true;
    }

    // ---- logging ----

    private int Fail(string message)
    {
        LogLine(message);
        return 1;
    }

    public void LogLine(string message)
    {
        _state.StdOut.Flush();
        _state.StdErr.Write(Encoding.UTF8.GetBytes($"{_programName}: {message}\n"));
        _state.StdErr.Flush();
    }

    private void LogError(LuaException error)
    {
        string message;
        try
        {
            message = _state.ToStringMeta(error.Value).ToLatin1String();
        }
        catch (LuaException)
        {
            message = "(error object is not a string)";
        }
        var text = new StringBuilder(message);
        if (error.LuaTraceback is not null) text.Append('\n').Append(error.LuaTraceback);
        LogLine(text.ToString());
    }

    public static string Describe(IPEndPoint endpoint) =>
        endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]:{endpoint.Port}" : endpoint.ToString();

    public void Dispose() => Loop.Dispose();
}
