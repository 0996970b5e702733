using System.Collections.Concurrent;
using LuaVm.Runtime;

namespace LuaVm.Vm;

/// <summary>
/// Lua's view of the .NET garbage collector: weak tables (__mode), __gc on userdata made by
/// newproxy, and the incremental-step counters of collectgarbage. .NET cannot tell whether an
/// object is referenced only from a weak table, so a full collection temporarily takes the
/// weak parts of weak entries out of their tables (holding them through WeakReference), lets the
/// .NET GC run, and puts back the entries whose objects survived.
/// </summary>
internal sealed class GarbageCollector
{
    private readonly List<WeakReference<LuaTable>> _weakTables = [];
    private readonly List<WeakReference<LuaUserdata>> _finalizable = [];
    private readonly ConcurrentQueue<(long Sequence, LuaUserdata Userdata)> _unreachable = new();
    private long _sequence;
    private bool _closed;
    private int _stepWork;

    /// <summary>Work units that complete one emulated incremental cycle.</summary>
    private const int CycleWork = 100;

    /// <summary>collectgarbage("setpause") and ("setstepmul") values (only reported back, as .NET decides).</summary>
    public int Pause = 200, StepMul = 200;

    private long _baseline = BaselineBytes();

    /// <summary>The heap before the state: process-wide caches made first, so they never count as the state's memory.</summary>
    private static long BaselineBytes()
    {
        NumberFormat.Prepare();
        return GC.GetTotalMemory(false);
    }
    private bool _baselineAfterCollect;
    private bool _stopped;
    private long _bytesAtStop, _allocatedAtStop;

    /// <summary>
    /// collectgarbage("count") in KiB: the .NET heap above what it was when the state was made
    /// (plus lua5.1's ~16 KiB of a fresh state). While stopped, every allocation counts, as
    /// nothing would be freed in lua5.1 either.
    /// </summary>
    public double CountKiB()
    {
        long bytes = _stopped
            ? _bytesAtStop + (GC.GetTotalAllocatedBytes(true) - _allocatedAtStop)
            : CountedBytes();
        return bytes / 1024.0 + 16;
    }

    /// <summary>The heap above the baseline, as the allocation buffers of all threads make it look: cheap, for limits.</summary>
    private long RealBytes() => Math.Max(0, GC.GetTotalMemory(false) - _baseline);

    // What count reports: until .NET collects again, the live bytes at the end of the last full
    // collection made here (the GC's own figure, which no thread's half-used allocation buffer
    // blurs) plus every byte allocated since; after that, GetTotalMemory. GetTotalMemory alone moves
    // by a buffer's 8 KiB with what other threads (the JIT's, the finalizer) happen to hold, which
    // made a step that ended a cycle sometimes report more than before it (the official gc.lua).
    private long _liveAtCollect, _allocatedAtCollect;
    private int _collectionsAtCollect = -1;

    private void NoteCollection(GCKind kind)
    {
        var info = GC.GetGCMemoryInfo(kind);
        _liveAtCollect = info.HeapSizeBytes - info.FragmentedBytes;
        _allocatedAtCollect = GC.GetTotalAllocatedBytes(true);
        _collectionsAtCollect = GC.CollectionCount(0);
    }

    private long CountedBytes() => Math.Max(0, HeapBytes() - _baseline);

    private long HeapBytes() => GC.CollectionCount(0) == _collectionsAtCollect
        ? _liveAtCollect + (GC.GetTotalAllocatedBytes(true) - _allocatedAtCollect)
        : GC.GetTotalMemory(false);

    /// <summary>collectgarbage("stop").</summary>
    public void Stop()
    {
        if (_stopped) return;
        _stopped = true;
        MarkStopPoint();
    }

    /// <summary>collectgarbage("restart").</summary>
    public void Restart() => _stopped = false;

    private void MarkStopPoint()
    {
        _bytesAtStop = CountedBytes();
        _allocatedAtStop = GC.GetTotalAllocatedBytes(true);
    }

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

    private long _limit;

    /// <summary>The memory budget in bytes (0: none).</summary>
    public long Limit => _limit;

    /// <summary>Sets the budget; from then on every .NET collection checks it.</summary>
    public void SetLimit(LuaState state, long bytes)
    {
        _limit = bytes;
        if (bytes > 0) StartAutomaticCollections(state);
    }

    /// <summary>Raises "not enough memory" when making <paramref name="bytes"/> more would exceed the budget.</summary>
    public void EnsureRoom(long bytes)
    {
        if (_limit == 0 || RealBytes() + bytes <= _limit) return;
        GC.Collect(); // garbage still counted is not a reason to fail (lua5.2's emergency collection)
        if (RealBytes() + bytes > _limit) throw OutOfMemory();
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
        if ((!_stopped && GC.GetTotalAllocatedBytes(false) > _nextAutomatic) || (_limit > 0 && RealBytes() > _limit))
            state.CurrentThread.Protocol.PendingCollect = true; // a benign race: a bool read by the Lua thread
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
    /// collectgarbage("step", size): emulates an incremental collector whose cycle needs
    /// <see cref="CycleWork"/> units; a step does 4 units per KiB asked (at least 4). Returns true
    /// when the step finished a cycle (then a full collection really runs).
    /// </summary>
    public bool Step(LuaState state, LuaThread current, int size)
    {
        _stopped = false; // lua5.1's step sets a new threshold, which undoes "stop"
        _stepWork += Math.Max(size, 1) * 4;
        if (_stepWork < CycleWork) return false;
        _stepWork = 0;
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

    /// <summary>A full collection: clears dead weak entries and calls the __gc of unreachable proxies.</summary>
    public void FullCollect(LuaState state, LuaThread current)
    {
        // Slots above the top are dead registers; stale references there would keep objects alive.
        ClearAboveTop(current);
        if (!ReferenceEquals(current, state.MainThread)) ClearAboveTop(state.MainThread);
        var detached = DetachWeakEntries();
        LuaString.ForgetRecent();
        NoteCollection(RunDotNetCollector());
        Reattach(detached);
        _weakTables.RemoveAll(w => !w.TryGetTarget(out _));
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
        if (!_baselineAfterCollect)
        {
            // The first full collection happens once the compiler's caches and the libraries
            // exist; measuring from there keeps them out of the Lua program's count.
            _baselineAfterCollect = true;
            _baseline = HeapBytes();
        }
        // As in lua5.1, a full collection sets a new threshold: a stopped collector runs again.
        _stopped = false;
        ScheduleNextAutomatic();
        // over the budget even after collecting: the allocation that brought us here fails
        if (_limit > 0 && RealBytes() > _limit) throw OutOfMemory();
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
    // the compiler's caches and the runtime's own objects included, and took 0.3 ms where lua5.1's
    // collectgarbage() takes 20 us on a small heap. Lua's semantics need a full one only where a
    // program can tell: weak tables (an entry must go once its key or value is unreachable, however
    // old) and __gc proxies (found through their sentinels' finalizers, which run on .NET's
    // finalizer thread: that collection waits for them and collects again what they let go).
    // Otherwise a gen1 collection frees what died young, and a full one runs as well once the old
    // generations have grown by OldGrowthForFull since the last full one (so collectgarbage("count")
    // still drops to about what is live, as programs polling it expect), or while the state is over
    // its memory budget (garbage a full collection would free is not a reason to fail).
    private GCKind RunDotNetCollector()
    {
        bool semanticsNeedFull = _weakTables.Count > 0 || _finalizable.Count > 0;
        if (!semanticsNeedFull && _fullCollections > 0)
        {
            GC.Collect(1, GCCollectionMode.Forced, blocking: true);
            bool oldBounded = OldGenerationsBytes(GC.GetGCMemoryInfo(GCKind.Ephemeral)) <= _oldAfterFull + OldGrowthForFull;
            if (oldBounded && !(_limit > 0 && RealBytes() > _limit)) return GCKind.Ephemeral;
        }
        GC.Collect();
        if (_finalizable.Count > 0)
        {
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }
        _fullCollections++;
        _oldAfterFull = OldGenerationsBytes(GC.GetGCMemoryInfo(GCKind.FullBlocking));
        return GCKind.FullBlocking;
    }

    private const long OldGrowthForFull = 256 << 10;
    private int _fullCollections;
    private long _oldAfterFull;

    /// <summary>Gen2, the large-object heap and the pinned-object heap after a collection: what a gen1 collection leaves alone.</summary>
    private static long OldGenerationsBytes(GCMemoryInfo info)
    {
        var generations = info.GenerationInfo;
        long bytes = 0;
        for (int g = 2; g < generations.Length; g++) bytes += generations[g].SizeAfterBytes;
        return bytes;
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
