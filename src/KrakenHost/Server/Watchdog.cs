using System.Diagnostics;
using System.Globalization;
using LuaVm;

namespace KrakenHost.Server;

/// <summary>
/// Runaway protection: a coroutine that the loop resumed and that runs longer than
/// <see cref="Limit"/> seconds without yielding (an endless loop, a catastrophic pattern) is
/// stopped with a Lua error raised in it (LuaState.Interrupt), so that the other connections go
/// on. A background thread looks at the running resume a few times per limit; the loop thread
/// only records when each resume starts and ends. An interrupt meant for one resume must never
/// reach the next one: the watchdog announces it (<c>_interrupting</c>) before it checks that the
/// resume still runs, and the loop thread, after marking the resume ended, looks at that flag
/// (both with full fences, so at least one of them sees the other's write); when it is set, the
/// loop thread takes the lock, which the watchdog holds until its interrupt is in place, and
/// clears it. So the loop thread pays two interlocked writes per resume and no lock.
/// </summary>
internal sealed class Watchdog
{
    /// <summary>The default limit in seconds: far beyond any request that yields, short enough that a frozen server comes back.</summary>
    public const double DefaultLimit = 10;

    private readonly LuaState _state;
    private readonly Lock _gate = new();
    private long _runningSince; // Stopwatch ticks when the current resume started; 0 when none runs
    private long _limitTicks;
    private int _interrupting; // 1 from just before the watchdog looks until the loop thread has cleared its interrupt
    private double _limit;
    private Thread? _thread;

    public Watchdog(LuaState state, double limit)
    {
        _state = state;
        Limit = limit;
    }

    /// <summary>Seconds a resume may run without yielding; 0 means no limit.</summary>
    public double Limit
    {
        get => _limit;
        set
        {
            _limit = value > 0 && double.IsFinite(value) ? value : 0;
            Volatile.Write(ref _limitTicks, _limit > 0 ? (long)Math.Min(_limit * Stopwatch.Frequency, long.MaxValue / 2) : 0);
        }
    }

    /// <summary>A resume starts; returns what <see cref="Leave"/> restores (the outer resume's mark when resumes nest).</summary>
    public long Enter()
    {
        long outer = _runningSince;
        Volatile.Write(ref _runningSince, Stopwatch.GetTimestamp());
        if (_thread is null && _limit > 0) Start();
        return outer;
    }

    /// <summary>The resume has ended (yielded, returned or failed): its interrupt, if any, ends with it.</summary>
    public void Leave(long outer)
    {
        // an outer resume that waited for a nested loop starts counting again now
        Interlocked.Exchange(ref _runningSince, outer != 0 ? Stopwatch.GetTimestamp() : 0);
        if (Volatile.Read(ref _interrupting) != 0) ClearInterrupt();
    }

    private void ClearInterrupt()
    {
        lock (_gate)
        {
            _state.ClearInterrupt();
            Volatile.Write(ref _interrupting, 0);
        }
    }

    /// <summary>
    /// The running code waits in a loop turned inside a socket call (outside the loop's own
    /// coroutines): that is not running. Returns the mark to give <see cref="Resumed"/>.
    /// </summary>
    public long Pause()
    {
        long mark = Interlocked.Exchange(ref _runningSince, 0);
        // it did stop running: the coroutines the nested loop resumes must not get its interrupt
        if (Volatile.Read(ref _interrupting) != 0) ClearInterrupt();
        return mark;
    }

    public void Resumed(long mark) => Volatile.Write(ref _runningSince, mark != 0 ? Stopwatch.GetTimestamp() : 0);

    private void Start()
    {
        _thread = new Thread(Watch) { IsBackground = true, Name = "kraken watchdog" };
        _thread.Start();
    }

    private void Watch()
    {
        while (true)
        {
            long limitTicks = Volatile.Read(ref _limitTicks);
            // a few looks per limit, at most 10 per second: idle costs nothing measurable
            int sleepMs = limitTicks == 0 ? 500 : (int)Math.Clamp(limitTicks * 1000 / Stopwatch.Frequency / 4, 1, 100);
            Thread.Sleep(sleepMs);
            if (limitTicks == 0) continue;
            lock (_gate)
            {
                if (Volatile.Read(ref _runningSince) == 0) continue;
                Interlocked.Exchange(ref _interrupting, 1);
                long since = Volatile.Read(ref _runningSince);
                // asked again at every look while it goes on: a flag lost to a race is set again
                if (since == 0 || Stopwatch.GetTimestamp() - since <= limitTicks)
                {
                    Volatile.Write(ref _interrupting, 0); // nothing was interrupted: the loop thread need not clear
                    continue;
                }
                _state.Interrupt($"runaway coroutine stopped: it ran for {_limit.ToString("0.###", CultureInfo.InvariantCulture)} s without yielding");
            }
        }
    }
}
