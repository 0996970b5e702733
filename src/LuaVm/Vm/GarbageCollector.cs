using System.Collections.Concurrent;
using LuaVm.Runtime;

namespace LuaVm.Vm;

/// <summary>
/// Lua's view of the .NET garbage collector: the state's own memory count and budget, weak
/// tables (__mode), __gc on userdata made by newproxy, and the incremental-step counters of
/// collectgarbage. .NET cannot tell whether an object is referenced only from a weak table, so
/// a full collection temporarily takes the weak parts of weak entries out of their tables
/// (holding them through WeakReference), lets the .NET GC run, and puts back the entries whose
/// objects survived.
/// </summary>
internal sealed class GarbageCollector : MeteredHeap
{
    private readonly List<WeakReference<LuaTable>> _weakTables = [];
    private readonly List<WeakReference<LuaUserdata>> _finalizable = [];
    private readonly ConcurrentQueue<(long Sequence, LuaUserdata Userdata)> _unreachable = new();
    private long _sequence;
    private bool _closed;
    // collectgarbage("step") emulates lua5.1's incremental collector: a basic step (a size of 0,
    // or each KiB asked) is StepUnits of work, and a cycle ends with a full collection once its
    // work is done. lua5.1's cycle takes about 0.6 basic steps per KiB in use (10 on an empty
    // state, 75 with a thousand small tables live, 6,400 with 10 MB), so each cycle's length is
    // set from the count when it starts (right after a collection the count walks, once a cycle).
    private long _stepWork, _cycleWork;
    private const int StepUnits = 10;
    private const double StepsPerKiB = 0.6;
    private const long MinCycleWork = 10 * StepUnits;

    /// <summary>collectgarbage("setpause") and ("setstepmul") values (only reported back, as .NET decides).</summary>
    public int Pause = 200, StepMul = 200;

    // ---- counting: what this state holds (collectgarbage("count"), the memory budget) ----
    // lua5.1 adds every allocation to a total and subtracts every free; .NET frees without telling.
    // So: the bytes this state's code allocates are charged to it as they are allocated (the
    // thread's own allocation counter while the state runs Lua on it, AllocationMeter), and a
    // walk of what the state can reach (HeapWalk) measures what it holds live. The count is the
    // live figure of the last walk plus everything allocated since, garbage included, as
    // lua5.1's total includes garbage not yet collected. Nothing here depends on the rest of
    // the process: another state's 60 MB are not this state's.

    private readonly HeapWalk _walker = new();
    private long _live;          // bytes the last walk found
    private bool _liveKnown;     // false before the first walk and after a collection freed an unknown part of it
    private long _allocated;     // bytes allocated since the last walk, up to _meterStart
    private long _meterStart;    // the running thread's allocation counter when it was last read for this state
    private bool _metering;      // the state runs Lua on some thread (see AllocationMeter)
    private bool _stopped;
    private LuaState? _state;    // set when the state runs or gets a budget: the walks start from it
    private MeteredHeap? _outerOnThread;

    /// <summary>The state starts running Lua on this thread (its outermost Call or Resume).</summary>
    public void EnterThread(LuaState state) => _outerOnThread = EnterNested(state);

    /// <summary>The outermost Call or Resume that <see cref="EnterThread"/> began returns.</summary>
    public void LeaveThread()
    {
        var outer = _outerOnThread;
        _outerOnThread = null;
        LeaveNested(outer);
    }

    /// <summary>
    /// The state runs Lua on this thread for a while (a delegate made from a Lua function, called
    /// by C# code): returns whom it takes the thread over from, for <see cref="LeaveNested"/>.
    /// </summary>
    public MeteredHeap? EnterNested(LuaState state)
    {
        _state = state;
        return AllocationMeter.Enter(this);
    }

    /// <summary>Ends what <see cref="EnterNested"/> began: <paramref name="outer"/> gets the thread back.</summary>
    public void LeaveNested(MeteredHeap? outer) => AllocationMeter.Leave(this, outer);

    /// <summary>From now on the thread whose counter reads <paramref name="now"/> allocates for this state.</summary>
    internal override void StartMetering(long now)
    {
        _meterStart = now;
        _metering = true;
    }

    /// <summary>The thread stops allocating for this state: what it allocated since the last reading is charged.</summary>
    internal override void StopMetering(long now)
    {
        if (_metering) _allocated += now - _meterStart;
        _metering = false;
    }

    /// <summary>Bytes allocated for this state since the last walk, this instant included when it runs on this thread.</summary>
    private long Allocated() => _metering && ReferenceEquals(AllocationMeter.Current, this)
        ? _allocated + (ThreadAllocations.Read() - _meterStart)
        : _allocated;

    /// <summary>Measures what the state holds now; the allocations charged so far are accounted for by it.</summary>
    private void Walk(LuaState state)
    {
        _live = _walker.Measure(state);
        _liveKnown = true;
        _allocated = 0;
        // the walk's own allocations (its pending list) are not the program's; the next interval
        // starts here too (OnCheckInterval counts at least an interval since its start)
        if (_metering && ReferenceEquals(AllocationMeter.Current, this))
        {
            _meterStart = ThreadAllocations.Read();
            AllocationMeter.Rearm(this);
        }
        if (_limit > 0) _checkAt = Math.Max(_limit, _live + _limit / MinimumGapDivisor);
    }

    /// <summary>
    /// collectgarbage("count") in KiB: the live bytes the last walk found plus what was
    /// allocated since. Asked after a collection, or once as much was allocated since the last
    /// walk as it found live (lua5.1's pause of 200%), it walks first, so the figure falls to what
    /// is live as lua5.1's does. While the collector is stopped it never walks: every allocation
    /// counts, as nothing would be freed in lua5.1 either.
    /// </summary>
    public double CountKiB(LuaState state)
    {
        if (!_liveKnown ? !_stopped || _live == 0 : !_stopped && Allocated() > Math.Max(_live, AutomaticWalkBytes))
            Walk(state);
        return (_live + Allocated()) / 1024.0;
    }

    /// <summary>Allocation after which count walks again even when little is live (so a small program's count still falls).</summary>
    private const long AutomaticWalkBytes = 256 << 10;

    /// <summary>collectgarbage("stop").</summary>
    public void Stop() => _stopped = true;

    /// <summary>collectgarbage("restart").</summary>
    public void Restart() => _stopped = false;

    // ---- automatic collections ----
    // Weak entries and __gc only matter once the program has weak tables or proxies. From then
    // on, a detector object noticing each .NET collection asks the running thread for a full Lua
    // collection whenever enough was allocated since the last one (lua5.1's pause of 200%); the
    // interpreter runs it at its next backward jump or call.

    private WeakReference<LuaState>? _owner;
    // Held here so that it stays strongly reachable while this collector lives: a WeakReference
    // reachable only from a finalizable object may be finalized (and emptied) before it.
    private WeakReference<GarbageCollector>? _selfReference;
    private long _nextAutomatic;

    // ---- the memory budget (LuaState.MemoryLimit) ----
    // While a budget is set, the meter hands the state every check interval of allocation
    // (OnCheckInterval); once the count passes _checkAt the running thread is asked for a check
    // at its next backward jump or call (PendingCollect, as for a collection), where a walk
    // measures what is live and "not enough memory" is raised if that is over the budget. Only
    // what is live fails a script, never its garbage. After a walk the next one waits until the
    // count passes the budget again, or for a sixteenth of the budget more when the live part is
    // already that close to it, so a script hovering near its budget walks at most once per
    // sixteenth of the budget it allocates, and one going over it fails within about that much.

    private long _limit;
    private long _checkAt;
    private bool _budgetCheckWanted, _collectWanted, _collecting;
    private const int MinimumGapDivisor = 16;

    /// <summary>The memory budget in bytes (0: none).</summary>
    public long Limit => _limit;

    /// <summary>Whether there is a budget.</summary>
    internal override bool HasBudget => _limit > 0;

    /// <summary>
    /// Estimated bytes between two looks at the count: small against the budget, and cheap. A
    /// state without one still looks every MiB, so that a budget set from another thread while
    /// it runs takes effect within a MiB (the look is one counter read).
    /// </summary>
    internal override long CheckInterval => _limit > 0 ? Math.Clamp(_limit / 64, 1 << 10, 64 << 10) : 1 << 20;

    /// <summary>
    /// Sets the budget; the next check interval compares the count with it (from Lua's own thread,
    /// the interval starts now; from another thread while the state runs, within a MiB).
    /// </summary>
    public void SetLimit(LuaState state, long bytes)
    {
        _state = state;
        _limit = bytes;
        _checkAt = 0; // a first walk soon: the state may already hold what the host put in it
        AllocationMeter.Rearm(this);
    }

    /// <summary>
    /// Called by the meter on the running thread after each check interval, with the thread's
    /// allocation counter; returns the next interval.
    /// </summary>
    internal override long OnCheckInterval(long now)
    {
        if (_metering)
        {
            // At least the interval's own estimates: they are below the real sizes, so this only
            // matters where the runtime's per-thread counter does not count (it then reads 0).
            _allocated += Math.Max(now - _meterStart, CheckInterval);
            _meterStart = now;
        }
        if (_limit > 0 && _live + _allocated > _checkAt && _state is { } state)
        {
            // asked again at every interval until it is done: the thread asked first may have
            // finished without reaching a check
            _budgetCheckWanted = true;
            state.CurrentThread.Protocol.PendingCollect = true;
        }
        return CheckInterval;
    }

    /// <summary>Measures what is live; raises "not enough memory" when it is over the budget.</summary>
    private void CheckBudget(LuaState state)
    {
        Walk(state);
        if (_live > _limit) throw OutOfMemory();
    }

    /// <summary>
    /// Raises "not enough memory" when making <paramref name="bytes"/> more would exceed the
    /// budget: called before a large string or table part is allocated, so that it fails before it
    /// is made. Walks first unless the last walk is recent (less than a sixteenth of the budget
    /// allocated since) and leaves room.
    /// </summary>
    internal override void EnsureRoom(long bytes)
    {
        if (_limit == 0 || _collecting) return;
        long allocated = Allocated();
        if (_live + allocated + bytes <= _limit) return;
        if ((_live + bytes > _limit || !_liveKnown || allocated >= _limit / MinimumGapDivisor) && _state is { } state) Walk(state);
        if (_live + bytes > _limit) throw OutOfMemory();
    }

    private static LuaException OutOfMemory() => new(LuaString.FromLatin1("not enough memory"));

    private void StartAutomaticCollections(LuaState state)
    {
        if (_owner is not null) return;
        _owner = new WeakReference<LuaState>(state);
        ScheduleNextAutomatic();
        _selfReference = new WeakReference<GarbageCollector>(this);
        _ = new GcDetector(_selfReference);
    }

    private void ScheduleNextAutomatic() =>
        _nextAutomatic = GC.GetTotalAllocatedBytes(false) + Math.Max(8L << 20, 2 * GC.GetTotalMemory(false));

    /// <summary>Called on the finalizer thread after a .NET collection.</summary>
    private bool OnDotNetCollection()
    {
        if (_closed || _owner is null || !_owner.TryGetTarget(out var state)) return false;
        if (!_stopped && GC.GetTotalAllocatedBytes(false) > _nextAutomatic)
        {
            _collectWanted = true;
            state.CurrentThread.Protocol.PendingCollect = true; // a benign race: bools read by the Lua thread
        }
        return true;
    }

    private sealed class GcDetector(WeakReference<GarbageCollector> owner)
    {
        ~GcDetector()
        {
            if (owner.TryGetTarget(out var gc) && gc.OnDotNetCollection()) _ = new GcDetector(owner);
        }
    }

    /// <summary>Remembers a table whose metatable has __mode, so full collections clear it.</summary>
    public void RegisterWeakTable(LuaState state, LuaTable t)
    {
        StartAutomaticCollections(state);
        if (t.WeakRegistered) return;
        t.WeakRegistered = true;
        _weakTables.Add(new WeakReference<LuaTable>(t));
    }

    /// <summary>Gives a newproxy userdata a finalization sentinel, so its __gc can run once it is unreachable.</summary>
    public void TrackFinalizable(LuaState state, LuaUserdata ud)
    {
        StartAutomaticCollections(state);
        ud.GcSentinel = new Sentinel(ud, this, ++_sequence);
        _finalizable.Add(new WeakReference<LuaUserdata>(ud));
    }

    /// <summary>
    /// collectgarbage("step", size): one basic step of the emulated incremental cycle per KiB
    /// asked (at least one). Returns true when the step finished a cycle (then a full collection
    /// really runs).
    /// </summary>
    public bool Step(LuaState state, LuaThread current, int size)
    {
        _stopped = false; // lua5.1's step sets a new threshold, which undoes "stop"
        if (_cycleWork == 0) _cycleWork = Math.Max(MinCycleWork, (long)(CountKiB(state) * StepsPerKiB * StepUnits));
        _stepWork += (long)Math.Max(size, 1) * StepUnits;
        if (_stepWork < _cycleWork) return false;
        RequestFullCollect(state, current);
        return true;
    }

    /// <summary>
    /// A full collection on behalf of collectgarbage: deferred until the interpreter loop that
    /// made the call has been left (see <see cref="ThreadProtocol.PendingCollect"/>) when the caller is
    /// a Lua CALL instruction. Called otherwise (pcall(collectgarbage), say) from the thread's
    /// outermost loop, it returns true: collectgarbage then suspends like a yield, the loop runs
    /// the collection with its frame and any pcall below still in place (so a __gc error is
    /// caught there), and finishes the call. Otherwise the collection runs at once.
    /// </summary>
    public bool RequestFullCollect(LuaState state, LuaThread current)
    {
        _collectWanted = true; // whichever way it runs, FullCollect then collects (not only checks the budget)
        int n = current.FrameCount;
        // pcall(collectgarbage) from Lua defers too: its marker waits for the collection, so that
        // an error in a __gc reaches that pcall.
        int callerIndex = n >= 3 && (current.Frames[n - 2].Flags & FrameFlags.Protected) != 0 ? n - 3 : n - 2;
        if (callerIndex >= 0 && current.Frames[callerIndex].Closure is { } caller)
        {
            int pc = current.Frames[callerIndex].SavedPc - 1;
            var code = caller.Proto.Code;
            if ((uint)pc < (uint)code.Length && Bytecode.Instruction.Op(code[pc]) == Bytecode.OpCode.Call)
            {
                current.Protocol.PendingCollect = true;
                return false;
            }
        }
        if (current.Protocol.NestedExecutions == 0)
        {
            current.Protocol.SuspendForCollection();
            return true;
        }
        FullCollect(state, current);
        return false;
    }

    /// <summary>
    /// What the loop runs for <see cref="ThreadProtocol.PendingCollect"/>: a full collection, which
    /// clears dead weak entries and calls the __gc of unreachable proxies, or only the budget's
    /// check when that is all that was asked.
    /// </summary>
    public void FullCollect(LuaState state, LuaThread current)
    {
        bool budgetCheck = _budgetCheckWanted, collect = _collectWanted || !budgetCheck;
        _budgetCheckWanted = _collectWanted = false;
        if (!collect)
        {
            if (_limit > 0) CheckBudget(state);
            return;
        }
        // Slots above the top are dead registers; stale references there would keep objects alive.
        ClearAboveTop(current);
        if (!ReferenceEquals(current, state.MainThread)) ClearAboveTop(state.MainThread);
        _collecting = true; // the weak entries' reattachment may grow tables: no budget error in the middle
        try
        {
            var detached = DetachWeakEntries();
            LuaString.ForgetRecent();
            RunDotNetCollector();
            Reattach(detached);
        }
        finally
        {
            _collecting = false;
        }
        _weakTables.RemoveAll(w => !w.TryGetTarget(out _));
        _liveKnown = false; // garbage is gone: the next count walks
        _stepWork = _cycleWork = 0; // a full collection ends the incremental cycle, as in lua5.1
        // The loop may be between a multiple-result call and its consumer (Top marks the results,
        // Keep Top says so): the finalizers' own calls must leave both as they were.
        int top = current.Top;
        bool keepTop = current.Protocol.TakeKeepTop();
        try
        {
            RunPendingFinalizers(state);
        }
        finally
        {
            current.Top = top;
            current.Protocol.KeepTopForNextEntry(keepTop);
        }
        // As in lua5.1, a full collection sets a new threshold: a stopped collector runs again.
        _stopped = false;
        ScheduleNextAutomatic();
        // over the budget even after collecting: the allocation that brought us here fails
        if (_limit > 0 && (budgetCheck || _live + Allocated() > _limit)) CheckBudget(state);
    }

    /// <summary>At state close (lua_close): calls every pending __gc, newest first, as lua5.1 does.</summary>
    public void Close(LuaState state)
    {
        if (_closed) return;
        var all = new List<LuaUserdata>();
        while (_unreachable.TryDequeue(out var u)) all.Add(u.Userdata);
        foreach (var w in _finalizable)
            if (w.TryGetTarget(out var ud) && !all.Contains(ud)) all.Add(ud);
        _closed = true;
        for (int i = all.Count - 1; i >= 0; i--)
        {
            try
            {
                CallGc(state, all[i]);
            }
            catch (LuaException)
            {
                // lua_close runs finalizers protected and ignores their errors
            }
        }
        _finalizable.Clear();
    }

    private static void ClearAboveTop(LuaThread t)
    {
        if (t.Top < t.Stack.Length) Array.Clear(t.Stack, t.Top, t.Stack.Length - t.Top);
    }

    // What a collection costs is .NET's to decide: a full (gen2) one walks the whole process heap,
    // the compiler's caches, the runtime's own objects and every other state included, and took
    // 0.3 ms where lua5.1's collectgarbage() takes 20 us on a small heap. Lua's semantics need a
    // full one only where a program can tell: weak tables (an entry must go once its key or value
    // is unreachable, however old) and __gc proxies (found through their sentinels' finalizers,
    // which run on .NET's finalizer thread: that collection waits for them and collects again what
    // they let go). Otherwise a gen1 collection frees what died young. The count no longer needs
    // more: it measures what the state reaches (Walk), not what the process's heap holds.
    private void RunDotNetCollector()
    {
        if (_weakTables.Count == 0 && _finalizable.Count == 0)
        {
            GC.Collect(1, GCCollectionMode.Forced, blocking: true);
            return;
        }
        GC.Collect();
        if (_finalizable.Count > 0)
        {
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }
    }

    private readonly record struct DetachedEntry(LuaValue StrongKey, WeakReference<LuaObject>? WeakKey, LuaValue StrongValue, WeakReference<LuaObject>? WeakValue);

    private List<(LuaTable Table, List<DetachedEntry> Entries)> DetachWeakEntries()
    {
        var result = new List<(LuaTable, List<DetachedEntry>)>();
        foreach (var w in _weakTables)
        {
            if (!w.TryGetTarget(out var t) || !(t.WeakKeys || t.WeakValues)) continue;
            var entries = new List<DetachedEntry>();
            var key = LuaValue.Nil;
            while (t.Next(key, out var k, out var v))
            {
                bool weakKey = t.WeakKeys && IsCollectable(k), weakValue = t.WeakValues && IsCollectable(v);
                if (weakKey || weakValue)
                    entries.Add(new DetachedEntry(
                        weakKey ? LuaValue.Nil : k, weakKey ? new WeakReference<LuaObject>(k.Obj!, trackResurrection: true) : null,
                        weakValue ? LuaValue.Nil : v, weakValue ? new WeakReference<LuaObject>(v.Obj!) : null));
                key = k;
            }
            // Removing after the traversal keeps next() valid while walking.
            foreach (var e in entries) t.Set(Resolve(e.StrongKey, e.WeakKey), LuaValue.Nil);
            t.ForgetRemovedKeys();
            if (entries.Count > 0) result.Add((t, entries));
        }
        return result;
    }

    private static LuaValue Resolve(LuaValue strong, WeakReference<LuaObject>? weak) =>
        weak is null ? strong : weak.TryGetTarget(out var o) ? new LuaValue(o) : LuaValue.Nil;

    private static void Reattach(List<(LuaTable Table, List<DetachedEntry> Entries)> detached)
    {
        foreach (var (t, entries) in detached)
            foreach (var e in entries)
            {
                var k = Resolve(e.StrongKey, e.WeakKey);
                var v = Resolve(e.StrongValue, e.WeakValue);
                if (!k.IsNil && !v.IsNil) t.Set(k, v);
            }
    }

    /// <summary>Values that a weak table may lose: objects with identity (strings are values in Lua).</summary>
    private static bool IsCollectable(in LuaValue v) =>
        v.Obj is LuaTable or LuaFunction or LuaUserdata or LuaThread;

    private void RunPendingFinalizers(LuaState state)
    {
        var pending = new List<(long Sequence, LuaUserdata Userdata)>();
        while (_unreachable.TryDequeue(out var entry)) pending.Add(entry);
        if (pending.Count == 0) return;
        // lua5.1 finalizes the most recently created userdata first.
        pending.Sort((x, y) => y.Sequence.CompareTo(x.Sequence));
        _finalizable.RemoveAll(w => !w.TryGetTarget(out var x) || x.GcSentinel is null || pending.Exists(e => ReferenceEquals(e.Userdata, x)));
        foreach (var (_, ud) in pending) CallGc(state, ud);
    }

    private static readonly LuaString GcField = LuaString.FromLatin1("__gc");

    private static void CallGc(LuaState state, LuaUserdata ud)
    {
        ud.GcSentinel = null;
        var gc = ud.Metatable?.GetStr(GcField) ?? LuaValue.Nil;
        // any value is called, as in lua5.1 (a string __gc is "attempt to call a string value")
        if (!gc.IsNil) state.Call(gc, new LuaValue(ud));
    }

    /// <summary>
    /// Finalizable companion of a proxy: the two die together, and the finalizer (on the .NET
    /// finalizer thread) only queues the userdata; __gc runs later on the Lua thread.
    /// </summary>
    private sealed class Sentinel(LuaUserdata ud, GarbageCollector owner, long sequence)
    {
        ~Sentinel()
        {
            if (!owner._closed) owner._unreachable.Enqueue((sequence, ud));
        }
    }
}
