using System.Runtime.CompilerServices;

namespace LuaModules;

/// <summary>Method attributes whose names netstandard2.1 does not know.</summary>
internal static class Optimization
{
    /// <summary>
    /// MethodImplOptions.AggressiveOptimization (hot code: skip the slow first tier), by value on
    /// netstandard2.1, whose enum predates it; a runtime that knows the flag honours it either way.
    /// </summary>
#if NETSTANDARD2_1
    public const MethodImplOptions Aggressive = (MethodImplOptions)512;
#else
    public const MethodImplOptions Aggressive = MethodImplOptions.AggressiveOptimization;
#endif
}
