using LuaVm.Runtime;

namespace KrakenHost.Server;

/// <summary>Something a coroutine waits for (KrakenServer.Suspend): <paramref name="done"/> gets the call's results.</summary>
internal interface IWait
{
    /// <summary>Starts waiting; false when another coroutine already waits there.</summary>
    bool Wait(Action<LuaValue[]> done);
}

/// <summary>
/// A call that is first tried at once and waits (<see cref="IWait"/>) only when it cannot finish:
/// a socket operation, or a sequence of them (LuaSocket's connect: resolve, then try each address).
/// </summary>
internal interface IOperation : IWait
{
    /// <summary>Makes what progress is possible now; true when finished (<see cref="Results"/> set).</summary>
    bool Attempt();

    /// <summary>The values the Lua call returns, once finished.</summary>
    LuaValue[] Results { get; }

    /// <summary>
    /// Ends an attempt that did not finish, without waiting, with <paramref name="error"/> and what
    /// partial result there is (a LuaSocket timeout of 0: the call must not wait at all).
    /// </summary>
    LuaValue[] GiveUp(string error);
}

/// <summary>kraken.sleep(seconds): a timer only.</summary>
internal sealed class SleepWait(EventLoop loop, double seconds) : IWait
{
    public bool Wait(Action<LuaValue[]> done)
    {
        loop.AddTimer(seconds, () => done([]));
        return true;
    }
}

/// <summary>
/// One socket call that may have to wait: tried at once (most calls finish there, with no yield),
/// otherwise parked on its socket until epoll reports readiness, its timeout fires, or the socket
/// closes. <see cref="Results"/> are the Lua values the call returns.
/// </summary>
internal abstract class SocketOperation : IOperation
{
    protected readonly KrakenSocket Socket;
    private Action<LuaValue[]>? _done;

    /// <summary>When a waiting operation times out (Stopwatch ticks); long.MaxValue for never. The socket's timer watches it.</summary>
    public long Deadline { get; private set; } = long.MaxValue;

    protected SocketOperation(KrakenSocket socket) => Socket = socket;

    /// <summary>The values the Lua call returns, once finished (read at once: the array may be reused by the next call).</summary>
    public LuaValue[] Results { get; protected set; } = [];

    /// <summary>True while parked, waiting for readiness (the socket's cached operation cannot be reused then).</summary>
    public bool IsWaiting => _done is not null;

    private static readonly LuaValue[] TrueResult = [LuaValue.True];
    private LuaValue[]? _single;

    /// <summary>Finishes with true (a shared array: its readers copy it at once).</summary>
    protected void SucceedWithTrue() => Results = TrueResult;

    /// <summary>Finishes with one value, in an array this operation reuses (no allocation per call).</summary>
    protected void Succeed(LuaValue value)
    {
        _single ??= new LuaValue[1];
        _single[0] = value;
        Results = _single;
    }

    private LuaValue[]? _triple;

    /// <summary>
    /// Finishes with LuaSocket's three results of a successful receive or send: the value, then
    /// nil, nil (LuaSocket pushes the error and partial-result slots either way). Reused array.
    /// </summary>
    protected void SucceedLuaSocket(LuaValue value)
    {
        _triple ??= new LuaValue[3];
        _triple[0] = value;
        Results = _triple;
    }

    /// <summary>True when the operation waits for writability (send, connect), false for reads and accept.</summary>
    protected abstract bool WaitsToWrite { get; }

    /// <summary>
    /// Makes what progress the socket allows now; true when finished (Results set). On a closed
    /// socket every operation ends at once with "closed", as LuaSocket's methods do.
    /// </summary>
    public bool Attempt()
    {
        if (!Socket.IsClosed) return Progress();
        Results = FailureResults("closed");
        return true;
    }

    /// <summary><see cref="Attempt"/> on an open socket.</summary>
    protected abstract bool Progress();

    /// <summary>What the call returns when its timeout fires or the socket is closed under it.</summary>
    protected abstract LuaValue[] FailureResults(string error);

    /// <summary>False for waits whose time limit is kept elsewhere (socket.select's probes): the socket's timeout does not apply.</summary>
    protected virtual bool UsesSocketTimeout => true;

    /// <summary>Parks the operation until it finishes; <paramref name="done"/> gets the results. False when the slot is taken.</summary>
    public bool Wait(Action<LuaValue[]> done)
    {
        if (!Socket.Attach(this, WaitsToWrite)) return false;
        _done = done;
        if (UsesSocketTimeout && Socket.Timeout >= 0)
        {
            Deadline = EventLoop.DueAfter(Socket.Timeout);
            Socket.WatchDeadline(Deadline);
        }
        return true;
    }

    /// <summary>Called by the socket's timer: ends the operation with "timeout" if its deadline has come.</summary>
    public void ExpireIfDue(long now)
    {
        if (_done is not null && Deadline <= now) Abort("timeout");
    }

    /// <summary>Called on readiness.</summary>
    public void Retry()
    {
        if (Attempt()) Finish();
    }

    /// <summary>Stops waiting without finishing: <c>done</c> is not called (socket.select drops the probes that did not fire).</summary>
    public void Cancel()
    {
        if (_done is null) return;
        Deadline = long.MaxValue;
        Socket.Detach(this);
        _done = null;
    }

    public LuaValue[] GiveUp(string error)
    {
        Results = FailureResults(error);
        return Results;
    }

    /// <summary>Ends the operation with an error ("timeout", "closed").</summary>
    public void Abort(string error)
    {
        if (_done is null) return;
        Results = FailureResults(error);
        Finish();
    }

    private void Finish()
    {
        Deadline = long.MaxValue;
        Socket.Detach(this);
        var done = _done;
        _done = null;
        done?.Invoke(Results);
    }

    protected static LuaValue Bytes(ReadOnlySpan<byte> bytes) => new(LuaString.FromBytes(bytes));

    protected static LuaValue[] Fail(string error, LuaValue partial) => [LuaValue.Nil, error, partial];
}

/// <summary>What a receive waits for: LuaSocket's patterns plus rawrecv.</summary>
internal enum ReceiveKind
{
    /// <summary>"*l": a line without its LF, CR characters dropped.</summary>
    Line,
    /// <summary>"*a": everything until the peer closes.</summary>
    All,
    /// <summary>A number n: exactly n bytes.</summary>
    Count,
    /// <summary>rawrecv(n): 1..n bytes, as soon as any are there.</summary>
    Some,
}

/// <summary>receive(pattern[, prefix]) and rawrecv(n). A socket keeps one and reuses it (KrakenSocket.Receiving).</summary>
internal sealed class ReceiveOperation(KrakenSocket socket) : SocketOperation(socket)
{
    private ReceiveKind kind;
    private int count;
    private LuaString? prefix;
    private bool _luaSocket;

    /// <summary>
    /// Sets up the operation for another call. <paramref name="luaSocket"/>: LuaSocket's results
    /// (three values on success; "*a" that gets no byte before the close is an error; no line
    /// length limit but the longest string); the caller has already taken the prefix's length off
    /// a byte count, as LuaSocket counts the prefix in it.
    /// </summary>
    public ReceiveOperation For(ReceiveKind kind, int count, LuaString? prefix, bool luaSocket = false)
    {
        this.kind = kind;
        this.count = count;
        this.prefix = prefix;
        _luaSocket = luaSocket;
        return this;
    }

    private void Done(LuaValue value)
    {
        if (_luaSocket) SucceedLuaSocket(value);
        else Succeed(value);
    }

    /// <summary>A line longer than this ends the read with "line too long" (a hostile client cannot exhaust memory).</summary>
    public const int MaxLineLength = 1 << 20;

    protected override bool WaitsToWrite => false;

    protected override bool Progress()
    {
        while (true)
        {
            if (TryTake()) return true;
            // how much the buffer may have to hold: a line, the count asked for, or all there is
            var error = Socket.Fill(kind switch
            {
                ReceiveKind.Line when !_luaSocket => MaxLineLength,
                ReceiveKind.Count => count,
                _ => LuaString.MaxLength - (prefix?.Length ?? 0),
            });
            if (error == System.Net.Sockets.SocketError.Success) continue;
            if (error == System.Net.Sockets.SocketError.WouldBlock)
            {
                Socket.ReleaseBufferIfEmpty();
                return false;
            }
            if (error == System.Net.Sockets.SocketError.Shutdown)
            {
                if (kind != ReceiveKind.All || (_luaSocket && Socket.BufferedCount == 0)) Results = Fail("closed", TakeAll());
                else if (_luaSocket) SucceedLuaSocket(TakeAll());
                else Results = [TakeAll()];
                return true;
            }
            Results = Fail(KrakenSocket.Describe(error), TakeAll());
            return true;
        }
    }

    protected override LuaValue[] FailureResults(string error) =>
        Fail(error, kind == ReceiveKind.Some ? Bytes(default) : TakeAll());

    /// <summary>Finishes from the buffer alone when it holds enough.</summary>
    private bool TryTake()
    {
        var data = Socket.Buffered;
        switch (kind)
        {
            case ReceiveKind.Line:
                int lf = data.IndexOf((byte)'\n');
                if (lf < 0) return false;
                Done(WithPrefix(data[..lf], dropCarriageReturns: true));
                Socket.Consume(lf + 1);
                return true;
            case ReceiveKind.Count:
                // LuaSocket's receive(0) still reads once: it waits for data (or the close, or the timeout)
                if (data.Length < count || (_luaSocket && count == 0 && data.Length == 0)) return false;
                Done(WithPrefix(data[..count], dropCarriageReturns: false));
                Socket.Consume(count);
                return true;
            case ReceiveKind.Some:
                if (data.Length == 0) return false;
                int n = Math.Min(count, data.Length);
                Done(Bytes(data[..n]));
                Socket.Consume(n);
                return true;
            default:
                return false;
        }
    }

    private LuaValue TakeAll()
    {
        var data = Socket.Buffered;
        var value = WithPrefix(data, dropCarriageReturns: kind == ReceiveKind.Line);
        Socket.Consume(data.Length);
        return value;
    }

    private LuaValue WithPrefix(ReadOnlySpan<byte> data, bool dropCarriageReturns)
    {
        int prefixLength = prefix?.Length ?? 0;
        int carriageReturns = dropCarriageReturns ? data.Count((byte)'\r') : 0;
        if (prefixLength == 0)
        {
            if (carriageReturns == 0) return Bytes(data);
            // the usual CR LF line end: the line without its last byte, no copy to filter
            if (carriageReturns == 1 && data[^1] == (byte)'\r') return Bytes(data[..^1]);
        }
        var bytes = new byte[prefixLength + data.Length - carriageReturns];
        prefix?.Bytes.CopyTo(bytes, 0);
        int n = prefixLength;
        foreach (byte b in data)
            if (!dropCarriageReturns || b != (byte)'\r') bytes[n++] = b;
        return new LuaValue(new LuaString(bytes));
    }
}

/// <summary>
/// send(s) and rawsend(x): true once every byte is written (or held, see KrakenSocket), else
/// nil, error, bytes written. With nothing queued the bytes go straight to the kernel; behind
/// queued bytes they join the queue, and the call finishes when the queue has gone past them.
/// </summary>
internal sealed class SendOperation(KrakenSocket socket) : SocketOperation(socket)
{
    private byte[] data = [];
    private bool mayHold;
    private int _written;     // bytes written directly
    private long _queuedFrom = -1, _queuedTo; // where the rest sits in the socket's queue, once queued
    private long _luaSocketBase = -1;

    // LuaSocket writes at most STEPSIZE (8192) bytes per system call: when the peer has gone, a
    // big send fails after its first step, and the count it reports is LuaSocket's
    private const int LuaSocketStep = 8192;

    /// <summary>
    /// Sets up the operation for another call (a socket keeps one and reuses it: KrakenSocket.Sending).
    /// <paramref name="luaSocketBase"/> (0 or more) asks for LuaSocket's results: the index of the
    /// last byte sent, counted from that base (send(data, i, j) passes i - 1), then nil, nil; or
    /// nil, error, that index.
    /// </summary>
    public SendOperation For(byte[] data, bool mayHold, long luaSocketBase = -1)
    {
        this.data = data;
        this.mayHold = mayHold;
        _luaSocketBase = luaSocketBase;
        _written = 0;
        _queuedFrom = -1;
        _queuedTo = 0;
        return this;
    }

    protected override bool WaitsToWrite => true;

    protected override bool Progress()
    {
        if (_queuedFrom < 0)
        {
            if (mayHold && Socket.MayHold(data.Length - _written))
            {
                Socket.Queue(data.AsSpan(_written));
                Succeeded();
                return true;
            }
            if (!Socket.HasQueued)
            {
                var error = Socket.SendSome(data, ref _written, _luaSocketBase >= 0 ? LuaSocketStep : int.MaxValue);
                if (error == System.Net.Sockets.SocketError.Success)
                {
                    Succeeded();
                    return true;
                }
                if (error != System.Net.Sockets.SocketError.WouldBlock)
                {
                    Results = Failed(KrakenSocket.Describe(error), _written);
                    return true;
                }
            }
            // behind held bytes, or the kernel took only part: the rest is written from the queue
            _queuedTo = Socket.Queue(data.AsSpan(_written));
            _queuedFrom = _queuedTo - (data.Length - _written);
        }
        var result = Socket.WriteQueued();
        if (Socket.QueueSent >= _queuedTo)
        {
            Succeeded();
            return true;
        }
        if (result == System.Net.Sockets.SocketError.WouldBlock) return false;
        Results = Failed(KrakenSocket.Describe(result), Written);
        return true;
    }

    private void Succeeded()
    {
        Socket.BytesSent += data.Length;
        if (_luaSocketBase >= 0) SucceedLuaSocket(_luaSocketBase + data.Length);
        else SucceedWithTrue();
    }

    private LuaValue[] Failed(string error, int written)
    {
        Socket.BytesSent += written;
        return Fail(error, _luaSocketBase >= 0 ? _luaSocketBase + written : written);
    }

    /// <summary>This call's bytes that reached the kernel.</summary>
    private int Written => _queuedFrom < 0 ? _written : _written + (int)Math.Clamp(Socket.QueueSent - _queuedFrom, 0, _queuedTo - _queuedFrom);

    protected override LuaValue[] FailureResults(string error)
    {
        int written = Written;
        if (_queuedFrom >= 0) Socket.Unqueue(_queuedFrom); // a timed-out send leaves nothing behind to be sent later
        return Failed(error, written);
    }
}
