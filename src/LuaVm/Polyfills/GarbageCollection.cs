#if NETSTANDARD2_1
using System.Reflection;

namespace LuaVm.Vm;

// netstandard2.1 lacks GC.GetTotalAllocatedBytes and GC.GetGCMemoryInfo, which the collector's
// accounting (Vm/GarbageCollector.cs) reads. In the LuaVm.Vm namespace this GC stands in for
// System.GC on that target only: the allocation counter is the runtime's own when it has one
// (every .NET Core 3+ runtime does, found once by reflection), the heap size otherwise; the
// per-generation sizes after a collection are the heap size after it, all counted as "old"
// (so the collector runs full collections a little more often than on net8.0/net10.0).
internal static class GC
{
    private static readonly Func<bool, long>? AllocatedBytes = FindAllocatedBytes();

    private static Func<bool, long>? FindAllocatedBytes()
    {
        var method = typeof(System.GC).GetMethod("GetTotalAllocatedBytes", BindingFlags.Public | BindingFlags.Static, null, [typeof(bool)], null);
        return method is null ? null : (Func<bool, long>)method.CreateDelegate(typeof(Func<bool, long>));
    }

    public static long GetTotalAllocatedBytes(bool precise = false) =>
        AllocatedBytes is { } f ? f(precise) : System.GC.GetTotalMemory(false);

    public static long GetTotalMemory(bool forceFullCollection) => System.GC.GetTotalMemory(forceFullCollection);

    public static int CollectionCount(int generation) => System.GC.CollectionCount(generation);

    public static void Collect() => System.GC.Collect();

    public static void Collect(int generation, GCCollectionMode mode, bool blocking) => System.GC.Collect(generation, mode, blocking);

    public static void WaitForPendingFinalizers() => System.GC.WaitForPendingFinalizers();

    public static GCMemoryInfo GetGCMemoryInfo(GCKind kind) => new(System.GC.GetTotalMemory(false));
}

internal enum GCKind
{
    Any,
    Ephemeral,
    FullBlocking,
    Background,
}

/// <summary>What the collector reads of System's GCMemoryInfo: the heap after the collection, as one old generation.</summary>
internal readonly struct GCMemoryInfo(long heapBytes)
{
    public long HeapSizeBytes => heapBytes;
    public long FragmentedBytes => 0;
    public ReadOnlySpan<GCGenerationInfo> GenerationInfo => new[] { default, default, new GCGenerationInfo(heapBytes) };
}

internal readonly struct GCGenerationInfo(long sizeAfterBytes)
{
    public long SizeAfterBytes { get; } = sizeAfterBytes;
}
#endif
