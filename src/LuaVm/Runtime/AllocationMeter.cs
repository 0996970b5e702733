using System.Runtime.CompilerServices;

namespace LuaVm.Runtime;

/// <summary>
/// Charges the bytes a thread allocates to the state running Lua on it, so that each state's
/// memory is counted on its own (collectgarbage("count"), <see cref="LuaState.MemoryLimit"/>)
/// whatever else the process holds. While a state runs Lua code on a thread (from its outermost
/// Call or Resume until that returns) it is that thread's current state: .NET's own per-thread
/// allocation counter (<see cref="ThreadAllocations"/>, exact and cheap) is read when it
/// becomes current and when it stops being current, and the difference is the state's. A state
/// called from another state's native function takes over the thread until it returns.
/// <para>
/// Between those points, the constructors and growth paths of Lua objects (tables, strings,
/// closures, userdata, coroutines) report an estimate of what they allocate to <see cref="Charge"/>:
/// one thread-static subtraction (once any state has a budget; before, one static read). When a
/// state with a memory budget has run through its check interval (at most 64 KiB of estimated
/// allocation), the counter is read again and the state compares its count with its budget
/// (<see cref="MeteredHeap.OnCheckInterval"/>, which the state's collector in Vm/ implements). A
/// state without a budget only has its counter read every MiB (so that a budget set meanwhile
/// from another thread takes effect).
/// </para>
/// </summary>
internal static class AllocationMeter
{
    /// <summary>Estimated bytes this thread may still allocate before its state looks at its count.</summary>
    [ThreadStatic] private static long t_untilCheck;

    /// <summary>The collector of the state running Lua on this thread, or null.</summary>
    [ThreadStatic] private static MeteredHeap? t_current;

    /// <summary>No state on this thread wants to look: far enough that no program gets there.</summary>
    internal const long Never = long.MaxValue / 2;

    /// <summary>
    /// Whether any state in the process has ever had a memory budget. Until then a charge is one
    /// read of this static, not of the thread-static countdown: without a budget nothing needs
    /// the countdown (the count itself comes from the thread's counter). Where the runtime has no
    /// per-thread counter, the countdown always runs: its estimates are then the count.
    /// </summary>
#if NETSTANDARD2_1
    private static bool s_budgets = !ThreadAllocations.Counted;
#else
    private static bool s_budgets; // no initializer: no class constructor for the hot path to wait for
#endif

    /// <summary>Reports <paramref name="bytes"/> (an estimate) just allocated for a Lua object.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Charge(long bytes)
    {
        if (s_budgets && (t_untilCheck -= bytes) < 0) IntervalEnded();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void IntervalEnded()
    {
        // A thread's counter starts at 0, so the first charge on a thread that runs no state ends
        // up here once and sets it out of reach.
        var current = t_current;
        t_untilCheck = current is null ? Never : current.OnCheckInterval(ThreadAllocations.Read());
    }

    /// <summary>The collector whose state runs Lua on this thread, or null.</summary>
    public static MeteredHeap? Current => t_current;

    /// <summary>
    /// <paramref name="gc"/>'s state starts running Lua on this thread: from now on the thread's
    /// allocations are its. Returns the state it takes the thread over from (a state whose native
    /// function called it), to give to <see cref="Leave"/>.
    /// </summary>
    public static MeteredHeap? Enter(MeteredHeap gc)
    {
        long now = ThreadAllocations.Read();
        var outer = t_current;
        outer?.StopMetering(now);
        gc.StartMetering(now);
        t_current = gc;
        t_untilCheck = gc.CheckInterval;
        return outer;
    }

    /// <summary>The state that <see cref="Enter"/> made current stops running Lua here: <paramref name="outer"/> gets the thread back.</summary>
    public static void Leave(MeteredHeap gc, MeteredHeap? outer)
    {
        long now = ThreadAllocations.Read();
        gc.StopMetering(now);
        t_current = outer;
        if (outer is null)
        {
            t_untilCheck = Never;
            return;
        }
        outer.StartMetering(now);
        t_untilCheck = outer.CheckInterval;
    }

    /// <summary>
    /// <paramref name="gc"/>'s state got a budget (or a new one): charges count from now on, and
    /// when it is running on this thread (a budget set from Lua's own thread) its interval starts now.
    /// </summary>
    public static void Rearm(MeteredHeap gc)
    {
        if (gc.HasBudget) Volatile.Write(ref s_budgets, true);
        if (ReferenceEquals(t_current, gc)) t_untilCheck = gc.CheckInterval;
    }
}

/// <summary>
/// What <see cref="AllocationMeter"/> needs of a state's memory accounting, which the state's
/// collector in src/LuaVm/Vm implements: Runtime names nothing of the VM (docs/architecture.md,
/// "Which part may name which").
/// </summary>
internal abstract class MeteredHeap
{
    /// <summary>Estimated bytes between two looks at the count.</summary>
    internal abstract long CheckInterval { get; }

    /// <summary>Whether the state has a memory budget.</summary>
    internal abstract bool HasBudget { get; }

    /// <summary>A check interval ran out on the state's thread, whose counter reads <paramref name="now"/>; returns the next interval.</summary>
    internal abstract long OnCheckInterval(long now);

    /// <summary>From now on the thread whose counter reads <paramref name="now"/> allocates for this state.</summary>
    internal abstract void StartMetering(long now);

    /// <summary>The thread stops allocating for this state: what it allocated since the last reading is charged.</summary>
    internal abstract void StopMetering(long now);

    /// <summary>Raises "not enough memory" when <paramref name="bytes"/> more would not fit in the budget.</summary>
    internal abstract void EnsureRoom(long bytes);
}
