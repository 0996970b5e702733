namespace LuaVm.Runtime;

/// <summary>
/// Native functions that the interpreter handles itself because they change the control flow
/// of the running thread rather than compute a result (<see cref="NativeFunction.Kind"/>).
/// </summary>
internal enum NativeKind : byte
{
    /// <summary>An ordinary C# function.</summary>
    Ordinary,
    /// <summary>
    /// coroutine.yield: an ordinary function everywhere, except that a CALL from compiled code
    /// suspends the coroutine itself, without the delegate call.
    /// </summary>
    Yield,
    /// <summary>pcall: call in protected mode without recursing on the .NET stack.</summary>
    PCall,
    /// <summary>xpcall: like pcall, with a message handler.</summary>
    XPCall,
    /// <summary>coroutine.resume: a CALL switches to the coroutine inside the same loop instead of nesting one.</summary>
    Resume,
    /// <summary>A function made by coroutine.wrap (its coroutine is <c>NativeFunction.WrappedCoroutine</c>): like Resume.</summary>
    Wrap,
}
