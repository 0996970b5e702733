using System.Runtime.CompilerServices;
using LuaVm.Bytecode;
using LuaVm.Runtime;

namespace LuaVm.Vm;

/// <summary>
/// What the interpreter notes about a warming function's calls (<see cref="Proto.CallTargets"/>):
/// for each CALL and TAILCALL, what it called. The compiling tier reads it to inline small
/// functions (Jit/Inlining.cs); only the interpreter writes it, and only until the function is
/// compiled.
/// </summary>
internal static class CallTargets
{
    /// <summary>How many different Lua functions one call may have called and still be noted one by one.</summary>
    public const int MaxFunctions = 3;

    /// <summary>A call that called more (or other) than can be noted: a callable table, nil, a native and a Lua function...</summary>
    public static readonly object Many = new();

    /// <summary>
    /// Notes that CALL or TAILCALL at <paramref name="pc"/> called <paramref name="callee"/>:
    /// a closure's prototype, a native itself. An entry is null (nothing yet), a Proto, a Proto[]
    /// (two or three), a NativeFunction, or <see cref="Many"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Note(object?[] targets, int pc, object? callee)
    {
        object? target = callee is LuaClosure lua ? lua.Proto : callee;
        var seen = targets[pc];
        if (!ReferenceEquals(seen, target)) targets[pc] = Combine(seen, target);
    }

    private static object Combine(object? seen, object? target)
    {
        if (target is not (Proto or NativeFunction)) return Many;
        if (seen is null) return target;
        if (seen is Proto one && target is Proto other) return new[] { one, other };
        if (seen is Proto[] some && target is Proto another)
        {
            if (Array.IndexOf(some, another) >= 0) return some;
            return some.Length < MaxFunctions ? (Proto[])[.. some, another] : Many;
        }
        return Many;
    }

    /// <summary>The Lua functions a noted call called (none when it called anything else too).</summary>
    public static Proto[] Functions(object? noted) => noted switch
    {
        Proto one => [one],
        Proto[] some => some,
        _ => [],
    };
}
