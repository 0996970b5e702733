using LuaVm.Runtime;

namespace KrakenHost.Server.LuaSocket;

/// <summary>
/// Waits until a socket is ready to read (data, a pending connection, the end) or to write, and
/// consumes nothing: socket.select's wait on one socket, parked in the socket's read or write
/// slot like any other operation, so that the loop's readiness edge for that socket retries it.
/// </summary>
internal sealed class ReadinessProbe(KrakenSocket socket, bool write) : SocketOperation(socket)
{
    protected override bool WaitsToWrite => write;

    // select's own timeout applies, not the socket's
    protected override bool UsesSocketTimeout => false;

    protected override bool Progress()
    {
        if (!write && Socket.BufferedCount > 0) return Finished();
        int fd = LuaTcp.DescriptorOf(Socket);
        return fd >= 0 && SocketCalls.IsReady(fd, write) && Finished();
    }

    private bool Finished()
    {
        SucceedWithTrue();
        return true;
    }

    protected override LuaValue[] FailureResults(string error) => [LuaValue.Nil, error];
}

/// <summary>
/// socket.select(recvt, sendt[, timeout]) (LuaSocket's select.c semantics): the sockets of
/// recvt with buffered data ("dirty") are ready at once; the others are polled, and if none is
/// ready the call waits on the loop, with a probe parked on each socket, until one is ready or
/// the timeout passes. Results: the ready sockets of each set as an array that also maps each
/// socket to its index, or two empty tables and "timeout". There is no FD_SETSIZE limit: the
/// loop waits with epoll.
/// </summary>
internal sealed class SelectOperation : IOperation
{
    /// <summary>One socket of a set: the Lua value to return, its descriptor, the socket to wait on (null: poll only).</summary>
    public readonly record struct Entry(LuaValue Value, int Fd, KrakenSocket? Socket);

    private readonly EventLoop _loop;
    private readonly List<Entry> _read, _write, _dirty;
    private readonly double _timeout;
    private readonly List<ReadinessProbe> _probes = [];
    private LoopTimer? _timer;
    private Action<LuaValue[]>? _done;
    private bool _finished;

    public SelectOperation(EventLoop loop, List<Entry> read, List<Entry> write, List<Entry> dirty, double timeout)
    {
        _loop = loop;
        _read = read;
        _write = write;
        _dirty = dirty;
        _timeout = timeout;
    }

    public LuaValue[] Results { get; private set; } = [];

    public bool Attempt()
    {
        if (Collect()) return true;
        if (_timeout == 0)
        {
            Results = TimedOut();
            return true;
        }
        return false;
    }

    public bool Wait(Action<LuaValue[]> done)
    {
        _done = done;
        Probe(_read, write: false);
        Probe(_write, write: true);
        if (_timeout > 0 && !EventLoop.IsUnbounded(_timeout)) _timer = _loop.AddTimer(_timeout, OnTimeout);
        else if (_probes.Count == 0) _timer = _loop.AddTimer(double.PositiveInfinity, OnTimeout); // nothing to wait for, no limit: it waits for good, as select(2) does
        return true;
    }

    public LuaValue[] GiveUp(string error) => Results = TimedOut();

    private void Probe(List<Entry> set, bool write)
    {
        foreach (var entry in set)
        {
            if (entry.Socket is not { IsClosed: false } socket) continue;
            socket.Watch();
            var probe = new ReadinessProbe(socket, write);
            // a socket another coroutine waits on in the same direction cannot be watched here too:
            // it is still polled whenever another of the sockets or the timeout ends the wait
            if (probe.Wait(OnReady)) _probes.Add(probe);
        }
    }

    private void OnReady(LuaValue[] _) => End();

    private void OnTimeout() => End();

    private void End()
    {
        if (_finished) return;
        _finished = true;
        foreach (var probe in _probes) probe.Cancel();
        _timer?.Cancel();
        // a socket that became ready just as the time ran out is reported rather than a timeout
        if (!Collect()) Results = TimedOut();
        _done?.Invoke(Results);
    }

    /// <summary>Polls every socket once; true (Results set) when some are ready or dirty.</summary>
    private bool Collect()
    {
        var ready = Ready(_read, write: false);
        var writable = Ready(_write, write: true);
        if (ready.Count == 0 && writable.Count == 0 && _dirty.Count == 0) return false;
        var readTable = new LuaTable();
        int n = 0;
        foreach (var entry in _dirty) Add(readTable, ++n, entry.Value);
        foreach (var entry in ready) Add(readTable, ++n, entry.Value);
        var writeTable = new LuaTable();
        n = 0;
        foreach (var entry in writable) Add(writeTable, ++n, entry.Value);
        Results = [readTable, writeTable];
        return true;
    }

    private static void Add(LuaTable table, int index, LuaValue value)
    {
        table.SetInt(index, value);
        table.Set(value, index);
    }

    /// <summary>The entries ready now, in descriptor order (select.c walks its fd_set in that order).</summary>
    private static List<Entry> Ready(List<Entry> set, bool write)
    {
        var ready = new List<Entry>();
        if (set.Count == 0) return ready;
        Span<SocketCalls.PollFd> fds = set.Count <= 64 ? stackalloc SocketCalls.PollFd[set.Count] : new SocketCalls.PollFd[set.Count];
        short events = write ? SocketCalls.POLLOUT : SocketCalls.POLLIN;
        for (int i = 0; i < set.Count; i++) fds[i] = new SocketCalls.PollFd { Fd = set[i].Fd, Events = events };
        if (!SocketCalls.PollNow(fds)) return ready;
        for (int i = 0; i < set.Count; i++)
            if ((fds[i].Revents & (events | SocketCalls.POLLERR | SocketCalls.POLLHUP)) != 0)
            {
                // poll saw data that the loop's edge has not announced yet: the next receive must read
                if (!write) set[i].Socket?.MarkReadable();
                ready.Add(set[i]);
            }
        ready.Sort((a, b) => a.Fd.CompareTo(b.Fd));
        return ready;
    }

    private static LuaValue[] TimedOut() => [new LuaTable(), new LuaTable(), "timeout"];
}
