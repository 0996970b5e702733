using System.Globalization;
using LuaVm;

namespace KrakenHost.Server;

/// <summary>
/// Runaway protection: a coroutine that the loop resumed and that computes for longer than
/// <see cref="Limit"/> seconds without yielding (an endless loop, a catastrophic pattern) is
/// stopped with a Lua error raised in it (LuaState.Interrupt), so that the other connections go
/// on.
/// <para>
/// The time counted is the loop thread's CPU time, not the clock's: on a loaded machine a
/// coroutine that is merely descheduled, or waits for the JIT, must not be taken for a runaway.
/// The loop thread only numbers its resumes (<c>_current</c>: the running resume's number, 0
/// when none runs). A background thread looks a few times per limit and reads the loop thread's
/// CPU clock; while it keeps seeing the same resume, the CPU time between its looks adds up
/// (from the first look that saw it, so a runaway is caught between one and 1.25 limits).
/// </para>
/// <para>
/// An interrupt meant for one resume must never reach the next one: the watchdog announces it
/// (<c>_interrupting</c>) before it checks that the resume still runs, and the loop thread, after
/// marking the resume ended, looks at that flag (both with full fences, so at least one of them
/// sees the other's write); when it is set, the loop thread takes the lock, which the watchdog
/// holds until its interrupt is in place, and clears it. So the loop thread pays two interlocked
/// writes per resume and no lock.
/// </para>
/// </summary>
internal sealed class Watchdog
{
    /// <summary>The default limit in seconds: far beyond any request that yields, short enough that a frozen server comes back.</summary>
    public const double DefaultLimit = 10;

    private readonly LuaState _state;
    private readonly Lock _gate = new();
    private readonly int _loopClock; // the loop thread's CPU-time clock (pthread_getcpuclockid), or -1
    private long _current, _lastNumber; // the running resume's number (0: none), and the last number given
    private long _limitNs;
    private int _interrupting; // 1 from just before the watchdog checks a resume until the loop thread has cleared its interrupt
    private double _limit;
    private Thread? _thread;

    /// <summary>Made on the loop thread, whose CPU time it will watch.</summary>
    public Watchdog(LuaState state, double limit)
    {
        _state = state;
        _loopClock = LinuxInterop.CurrentThreadCpuClock();
        Limit = limit;
    }

    /// <summary>Seconds of computing a resume may take without yielding; 0 means no limit.</summary>
    public double Limit
    {
        get => _limit;
        set
        {
            _limit = value > 0 && double.IsFinite(value) ? value : 0;
            Volatile.Write(ref _limitNs, _limit > 0 ? (long)Math.Min(_limit * 1e9, long.MaxValue / 2) : 0);
        }
    }

    /// <summary>A resume starts; returns what <see cref="Leave"/> restores (the outer resume when resumes nest).</summary>
    public long Enter()
    {
        long outer = _current;
        Volatile.Write(ref _current, ++_lastNumber);
        if (_thread is null && _limit > 0) Start();
        return outer;
    }

    /// <summary>The resume has ended (yielded, returned or failed): its interrupt, if any, ends with it.</summary>
    public void Leave(long outer)
    {
        // an outer resume that waited for a nested loop counts again from now, under a new number
        Interlocked.Exchange(ref _current, outer != 0 ? ++_lastNumber : 0);
        if (Volatile.Read(ref _interrupting) != 0) ClearInterrupt();
    }

    /// <summary>
    /// The running code waits in a loop turned inside a socket call (outside the loop's own
    /// coroutines): that is not running. Returns the mark to give <see cref="Resumed"/>.
    /// </summary>
    public long Pause()
    {
        long mark = Interlocked.Exchange(ref _current, 0);
        // it did stop running: the coroutines the nested loop resumes must not get its interrupt
        if (Volatile.Read(ref _interrupting) != 0) ClearInterrupt();
        return mark;
    }

    public void Resumed(long mark) => Volatile.Write(ref _current, mark != 0 ? ++_lastNumber : 0);

    private void ClearInterrupt()
    {
        lock (_gate)
        {
            _state.ClearInterrupt();
            Volatile.Write(ref _interrupting, 0);
        }
    }

    private void Start()
    {
        _thread = new Thread(Watch) { IsBackground = true, Name = "kraken watchdog" };
        _thread.Start();
    }

    private void Watch()
    {
        long seen = 0, lastCpu = 0, spent = 0;
        while (true)
        {
            long limitNs = Volatile.Read(ref _limitNs);
            // a few looks per limit, at most 10 per second: idle costs nothing measurable
            Thread.Sleep(limitNs == 0 ? 500 : (int)Math.Clamp(limitNs / 4_000_000, 1, 100));
            long current = Volatile.Read(ref _current);
            long cpu = LinuxInterop.CpuClockNanoseconds(_loopClock);
            spent = current != 0 && current == seen ? spent + (cpu - lastCpu) : 0;
            seen = current;
            lastCpu = cpu;
            if (limitNs == 0 || current == 0 || spent <= limitNs) continue;
            lock (_gate)
            {
                Interlocked.Exchange(ref _interrupting, 1);
                if (Volatile.Read(ref _current) != current)
                {
                    Volatile.Write(ref _interrupting, 0); // it has ended: nothing was interrupted
                    continue;
                }
                // asked again at every look while it goes on: a flag lost to a race is set again
                _state.Interrupt($"runaway coroutine stopped: it ran for {_limit.ToString("0.###", CultureInfo.InvariantCulture)} s without yielding");
            }
        }
    }
}
