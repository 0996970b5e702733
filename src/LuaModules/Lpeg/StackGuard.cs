using System.Runtime.CompilerServices;

namespace LuaModules.Lpeg;

/// <summary>
/// The tree walkers recurse over pattern trees a Lua program builds, which can be arbitrarily
/// deep (p = p * "x" in a loop): each recursive step checks that .NET stack remains, so a
/// hostile pattern ends in a Lua error instead of a process-killing stack overflow.
/// </summary>
internal static class StackGuard
{
    public static void Check()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new LpegException("pattern too complex");
    }
}
