using System.Runtime.CompilerServices;

namespace LuaVm.Runtime;

/// <summary>
/// The running thread's allocation counter (GC.GetAllocatedBytesForCurrentThread: every byte the
/// thread has allocated, exact, about 5 ns to read), which the per-state memory count is built
/// on (AllocationMeter). System.GC is named in full: on netstandard2.1 this namespace has a GC of
/// its own standing in for the members that target lacks.
/// </summary>
internal static class ThreadAllocations
{
#if NETSTANDARD2_1
    // The netstandard2.1 surface does not have the method, though every .NET Core 3+ runtime and
    // Mono do: found once by reflection. Without it Read gives 0, and the count advances by the
    // estimates that allocations report instead (AllocationMeter, the OnCheckInterval of the collector in src/LuaVm/Vm).
    private static readonly Func<long>? Counter = Find();

    private static Func<long>? Find()
    {
        var method = typeof(System.GC).GetMethod("GetAllocatedBytesForCurrentThread", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static, null, Type.EmptyTypes, null);
        return method is null ? null : (Func<long>)method.CreateDelegate(typeof(Func<long>));
    }

    /// <summary>Whether <see cref="Read"/> is the runtime's counter (false: it reads 0).</summary>
    public static bool Counted => Counter is not null;

    /// <summary>Bytes this thread has allocated so far.</summary>
    public static long Read() => Counter is { } f ? f() : 0;
#else
    /// <summary>Whether <see cref="Read"/> is the runtime's counter (always, on .NET 8 and later).</summary>
    public static bool Counted => true;

    /// <summary>Bytes this thread has allocated so far.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Read() => System.GC.GetAllocatedBytesForCurrentThread();
#endif
}
