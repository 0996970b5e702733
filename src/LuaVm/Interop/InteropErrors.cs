using LuaVm.Runtime;

namespace LuaVm.Interop;

/// <summary>
/// What a .NET exception thrown by an exposed member becomes: a Lua error with the caller's
/// position and the member's name ("script:3: Account.Withdraw: insufficient funds"), which
/// pcall catches. No .NET stack trace or exception type reaches the Lua message; the exception
/// itself is the error's InnerException for the .NET code that called Lua.
/// </summary>
internal static class InteropErrors
{
    /// <summary>
    /// True for exceptions that a member threw and Lua should see as an error: not Lua's own
    /// errors, os.exit, or a cancellation, which must pass through untouched (pcall must not
    /// catch a cancelled script), and not the runtime's fatal conditions.
    /// </summary>
    public static bool IsClrFailure(Exception e) =>
        e is not (LuaException or LuaExitException or OperationCanceledException or OutOfMemoryException
            or InsufficientExecutionStackException or ThreadAbortException);

    /// <summary>The message of the innermost meaningful exception (reflection and type initializers wrap theirs).</summary>
    public static string MessageOf(Exception e)
    {
        while (e is System.Reflection.TargetInvocationException or TypeInitializationException && e.InnerException is not null)
            e = e.InnerException;
        // ArgumentException appends " (Parameter 'x')": a .NET detail that means nothing in Lua.
        string suffix = $" (Parameter '{(e as ArgumentException)?.ParamName}')";
        return e is ArgumentException { ParamName: not null } && e.Message.EndsWith(suffix, StringComparison.Ordinal)
            ? e.Message[..^suffix.Length]
            : e.Message;
    }

    /// <summary>
    /// The Lua error for an exception thrown by <paramref name="member"/> ("Type.Member"; null:
    /// the running function's name, as for a registered delegate).
    /// </summary>
    public static LuaException FromClr(CallContext call, Exception e, string? member)
    {
        member ??= call.Function.Name;
        string message = member == "?" ? MessageOf(e) : $"{member}: {MessageOf(e)}";
        // the position is Lua's bytes, the message .NET text; the .NET caller still gets the exception itself
        return LuaException.At(call.Thread.Where(1), message, latin1: false, inner: e);
    }
}
