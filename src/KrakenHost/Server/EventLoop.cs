using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace KrakenHost.Server;

/// <summary>Something registered with the loop's epoll set: told when its descriptor is ready.</summary>
internal interface IReadinessHandler
{
    /// <param name="hangUp">the peer closed its side or the socket failed: reads will not block any more</param>
    void OnReady(bool readable, bool writable, bool hangUp);
}

/// <summary>A timer of the loop; cancelling it is O(1) (it is skipped when it comes due).</summary>
/// <param name="dueTicks">when it fires, in <see cref="Stopwatch"/> ticks; long.MaxValue for never</param>
internal sealed class LoopTimer(long dueTicks, Action action)
{
    public readonly long DueTicks = dueTicks;
    public readonly Action Action = action;
    public bool Cancelled;
    public void Cancel() => Cancelled = true;
}

/// <summary>
/// The single-threaded event loop: one epoll set (edge-triggered) for every socket, a timer queue,
/// a queue of ready work, and an eventfd through which other threads (signal handlers) post work.
/// Everything that touches the Lua state runs on the thread that calls <see cref="RunUntil"/>.
/// </summary>
internal sealed class EventLoop : IDisposable
{
    private const int MaxEvents = 256;
    private readonly int _epoll;
    private readonly int _wakeFd;
    // Registered handlers by slot. A token is the slot + 1 in its low half and the slot's
    // generation in its high half, so that an event still queued for a descriptor that was
    // unregistered (and whose slot was reused) in the same batch finds no handler.
    private IReadinessHandler?[] _slots = new IReadinessHandler?[64];
    private uint[] _generations = new uint[64];
    private readonly Stack<int> _freeSlots = new();
    private int _usedSlots, _handlerCount;
    private readonly PriorityQueue<LoopTimer, long> _timers = new();
    private readonly Queue<Action> _ready = new();
    private readonly ConcurrentQueue<Action> _posted = new();

    public EventLoop()
    {
        _epoll = LinuxInterop.epoll_create1(LinuxInterop.EPOLL_CLOEXEC);
        if (_epoll < 0) throw new IOException($"epoll_create1 failed (errno {Marshal.GetLastPInvokeError()})");
        _wakeFd = LinuxInterop.eventfd(0, LinuxInterop.EFD_NONBLOCK | LinuxInterop.EFD_CLOEXEC);
        if (_wakeFd < 0) throw new IOException($"eventfd failed (errno {Marshal.GetLastPInvokeError()})");
        LinuxInterop.EpollAdd(_epoll, _wakeFd, LinuxInterop.EPOLLIN | LinuxInterop.EPOLLET, 0);
    }

    /// <summary>
    /// Delays longer than this many seconds (about 31 years) mean "no limit": such a timer never
    /// fires. Beyond it, the due time in Stopwatch ticks (nanoseconds on Linux) could overflow.
    /// </summary>
    public const double MaxDelay = 1e9;

    private static readonly long StartTicks = Stopwatch.GetTimestamp();
    private static readonly double StartUnixTime = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>
    /// kraken.gettime(): seconds since the Unix epoch, read once and then advanced by the clock of
    /// the timers (monotonic, sub-microsecond), so that differences measure time as sleeps and
    /// timeouts do, and never run backwards when the system clock is set.
    /// </summary>
    public static double UnixTime => StartUnixTime + (double)(Stopwatch.GetTimestamp() - StartTicks) / Stopwatch.Frequency;

    /// <summary>True for a delay that never ends: longer than <see cref="MaxDelay"/>, or infinite.</summary>
    public static bool IsUnbounded(double seconds) => seconds > MaxDelay;

    /// <summary>Registers a descriptor for edge-triggered read and write readiness; returns its token.</summary>
    public ulong Register(int fd, IReadinessHandler handler)
    {
        int slot = _freeSlots.Count > 0 ? _freeSlots.Pop() : _usedSlots++;
        if (slot == _slots.Length)
        {
            Array.Resize(ref _slots, slot * 2);
            Array.Resize(ref _generations, slot * 2);
        }
        ulong token = ((ulong)_generations[slot] << 32) | (uint)(slot + 1);
        uint events = ReadEvents;
        if (LinuxInterop.EpollAdd(_epoll, fd, events, token) != 0)
            throw new IOException($"epoll_ctl failed (errno {Marshal.GetLastPInvokeError()})");
        _slots[slot] = handler;
        _handlerCount++;
        return token;
    }

    private const uint ReadEvents = LinuxInterop.EPOLLIN | LinuxInterop.EPOLLRDHUP | LinuxInterop.EPOLLET;

    /// <summary>
    /// Asks for write readiness too, from now on (a send or connect that has to wait). Sockets are
    /// registered for reading only: with writability watched from the start, every ACK that
    /// frees send space would wake the loop for nothing.
    /// </summary>
    public void WatchWrites(int fd, ulong token)
    {
        if (LinuxInterop.EpollModify(_epoll, fd, ReadEvents | LinuxInterop.EPOLLOUT, token) != 0)
            throw new IOException($"epoll_ctl failed (errno {Marshal.GetLastPInvokeError()})");
    }

    /// <summary>Forgets a descriptor (call before closing it).</summary>
    public void Unregister(int fd, ulong token)
    {
        int slot = (int)(uint)token - 1;
        if ((uint)slot >= (uint)_usedSlots || _generations[slot] != (uint)(token >> 32) || _slots[slot] is null) return;
        LinuxInterop.EpollDelete(_epoll, fd);
        _slots[slot] = null;
        _generations[slot]++;
        _freeSlots.Push(slot);
        _handlerCount--;
    }

    /// <summary>
    /// Runs an action after the given delay (in seconds) on the loop thread, never earlier: the
    /// due time is kept in Stopwatch ticks, rounded up. An unbounded delay gives a timer that
    /// never fires (it still keeps the loop turning, as a sleeper waits for the server to stop).
    /// </summary>
    public LoopTimer AddTimer(double seconds, Action action) => AddTimerAt(DueAfter(seconds), action);

    /// <summary>Runs an action on the loop thread once <paramref name="dueTicks"/> (a <see cref="DueAfter"/> value) has come.</summary>
    public LoopTimer AddTimerAt(long dueTicks, Action action)
    {
        var timer = new LoopTimer(dueTicks, action);
        _timers.Enqueue(timer, dueTicks);
        return timer;
    }

    /// <summary>The Stopwatch time <paramref name="seconds"/> from now, rounded up; long.MaxValue for an unbounded delay.</summary>
    public static long DueAfter(double seconds) => IsUnbounded(seconds) ? long.MaxValue
        : Stopwatch.GetTimestamp() + (seconds > 0 ? (long)Math.Ceiling(seconds * Stopwatch.Frequency) : 0);

    /// <summary>Runs an action on the loop thread at the next turn (loop thread only).</summary>
    public void Defer(Action action) => _ready.Enqueue(action);

    /// <summary>Queues an action from any thread and wakes the loop.</summary>
    public unsafe void Post(Action action)
    {
        if (_disposed) return; // a finalizer's late post after the loop ended: nothing left to do
        _posted.Enqueue(action);
        ulong one = 1;
        LinuxInterop.write(_wakeFd, &one, 8);
    }

    private readonly Stack<byte[]> _buffers = new();

    /// <summary>A receive buffer of <see cref="KrakenSocket.BufferSize"/> bytes from the pool.</summary>
    public byte[] RentBuffer() => _buffers.TryPop(out var b) ? b : new byte[KrakenSocket.BufferSize];

    /// <summary>Takes back an empty receive buffer (the pool keeps at most 1,024).</summary>
    public void ReturnBuffer(byte[] buffer)
    {
        if (_buffers.Count < 1024) _buffers.Push(buffer);
    }

    private readonly List<KrakenSocket> _holding = [];

    /// <summary>A socket holds sends back (KrakenSocket.Queue): they are written before the loop next waits for events.</summary>
    public void Hold(KrakenSocket socket) => _holding.Add(socket);

    /// <summary>Writes what sockets hold (see KrakenSocket); also called before the process exits.</summary>
    public void FlushHeld()
    {
        // a flush may not add to the list (only a send from Lua does), so a plain loop is safe
        foreach (var socket in _holding) socket.FlushHeld();
        _holding.Clear();
    }

    private int _external;

    /// <summary>
    /// Work done off the loop thread that will post its result back (a name resolution): the
    /// loop keeps turning for it even when nothing else is left to wait for.
    /// </summary>
    public void BeginExternal() => _external++;

    /// <summary>The end of <see cref="BeginExternal"/>'s work (on the loop thread, when its result is handled).</summary>
    public void EndExternal() => _external--;

    /// <summary>
    /// Turns the loop until <paramref name="done"/> says so. Returns false if nothing can make
    /// progress any more (no timers, no descriptors, no work) before that.
    /// </summary>
    public bool RunUntil(Func<bool> done)
    {
        while (!done())
        {
            RunReady();
            if (done()) return true;
            if (_holding.Count > 0) FlushHeld();
            if (_ready.Count == 0 && _timers.Count == 0 && _handlerCount == 0 && _external == 0 && _posted.IsEmpty) return false;
            Poll(_ready.Count > 0 || !_posted.IsEmpty ? 0 : TimeoutMs());
            RunPosted();
            RunDueTimers();
        }
        return true;
    }

    private void RunReady()
    {
        int n = _ready.Count; // work deferred by this work waits for the next turn: I/O is not starved
        for (int i = 0; i < n && _ready.TryDequeue(out var action); i++) action();
    }

    private void RunPosted()
    {
        while (_posted.TryDequeue(out var action)) action();
    }

    private void RunDueTimers()
    {
        long now = Stopwatch.GetTimestamp();
        while (_timers.TryPeek(out var timer, out long due) && due <= now)
        {
            _timers.Dequeue();
            if (!timer.Cancelled) timer.Action();
        }
    }

    /// <summary>epoll's timeout until the next timer: whole milliseconds rounded up, so that the loop does not wake before it is due.</summary>
    private int TimeoutMs()
    {
        while (_timers.TryPeek(out var timer, out _) && timer.Cancelled) _timers.Dequeue();
        if (!_timers.TryPeek(out _, out long due)) return -1;
        long ticks = due - Stopwatch.GetTimestamp();
        if (ticks <= 0) return 0;
        long frequency = Stopwatch.Frequency;
        if (ticks >= int.MaxValue / 1000 * frequency) return int.MaxValue; // also a timer that never fires: wait about 25 days, then look again
        return (int)((ticks * 1000 + frequency - 1) / frequency);
    }

    private unsafe void Poll(int timeoutMs)
    {
        // on the stack, not a field: a handler may run a nested loop (a wait outside a connection)
        byte* events = stackalloc byte[MaxEvents * 16];
        {
            int n = LinuxInterop.EpollWaitRaw(_epoll, events, MaxEvents, timeoutMs);
            if (n < 0) return; // EINTR: the caller turns again
            int size = LinuxInterop.PackedEpollEvents ? 12 : 16;
            for (int i = 0; i < n; i++)
            {
                byte* e = events + i * size;
                uint flags = *(uint*)e;
                ulong token = *(ulong*)(e + (LinuxInterop.PackedEpollEvents ? 4 : 8));
                if (token == 0)
                {
                    ulong value;
                    LinuxInterop.read(_wakeFd, &value, 8);
                    continue;
                }
                int slot = (int)(uint)token - 1;
                if ((uint)slot >= (uint)_usedSlots || _generations[slot] != (uint)(token >> 32) || _slots[slot] is not { } handler) continue;
                bool error = (flags & (LinuxInterop.EPOLLERR | LinuxInterop.EPOLLHUP)) != 0;
                bool readable = error || (flags & (LinuxInterop.EPOLLIN | LinuxInterop.EPOLLRDHUP)) != 0;
                bool writable = error || (flags & LinuxInterop.EPOLLOUT) != 0;
                handler.OnReady(readable, writable, error || (flags & LinuxInterop.EPOLLRDHUP) != 0);
            }
        }
    }

    private volatile bool _disposed;

    public void Dispose()
    {
        _disposed = true;
        LinuxInterop.close(_wakeFd);
        LinuxInterop.close(_epoll);
    }
}
