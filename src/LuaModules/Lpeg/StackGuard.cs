using System.Runtime.CompilerServices;

namespace LuaModules.Lpeg;

/// <summary>
/// The tree walkers recurse over pattern trees a Lua program builds, which can be arbitrarily
/// deep (p = lpeg.C(p) in a loop): each recursive step checks that .NET stack remains. When the
/// caller's stack runs out, <see cref="Run{T}"/> does the work again on a thread with a large
/// stack (the walkers touch no Lua state), and only when that runs out too does the program get
/// the Lua error "pattern too complex", never a process-killing stack overflow.
/// </summary>
internal static class StackGuard
{
    private const int LargeStack = 512 * 1024 * 1024;

    [ThreadStatic]
    private static bool _onLargeStack;

    /// <summary>Thrown when the stack runs out; becomes "pattern too complex".</summary>
    public sealed class StackExhaustedException() : Exception("pattern too complex");

    public static void Check()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw new StackExhaustedException();
    }

    /// <summary>Runs a tree walk, on a thread with a large stack if the current one is too small for it.</summary>
    public static T Run<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (StackExhaustedException) when (!_onLargeStack)
        {
        }
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            _onLargeStack = true;
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, LargeStack);
        thread.Start();
        thread.Join();
        if (failure is StackExhaustedException) throw new LpegException("pattern too complex");
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        return result;
    }
}
