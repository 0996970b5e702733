namespace LuaVm.Runtime;

/// <summary>
/// A Lua error in flight: raised by error(), by the VM ("attempt to index ..."), by libraries,
/// or by the compiler (<see cref="LuaSyntaxException"/>). <see cref="Value"/> is the Lua error
/// value, which may be any value (tables keep their identity through pcall). Every Lua error
/// that reaches an embedder is one; os.exit raises <see cref="LuaExitException"/>, which is not a
/// Lua error. When the error began as a .NET exception thrown by C# code that Lua called, that
/// exception is the <see cref="Exception.InnerException"/>.
/// </summary>
public class LuaException : Exception
{
    /// <summary>The error value.</summary>
    public LuaValue Value { get; }

    /// <summary>The Lua stack traceback ("stack traceback:\n\t..."), when one was captured.</summary>
    public string? LuaTraceback { get; set; }

    /// <summary>
    /// A cancellation of the running script (an <see cref="OperationCanceledException"/> from C#
    /// code Lua called, the <see cref="Exception.InnerException"/>): no pcall, xpcall or
    /// coroutine.resume stops it, so it leaves every Lua frame, and the embedding API raises the
    /// cancellation itself again to its caller.
    /// </summary>
    internal bool Uncatchable { get; init; }

    /// <summary>Creates an error carrying a Lua value.</summary>
    public LuaException(LuaValue value) : base(Describe(value)) => Value = value;

    /// <summary>Creates an error carrying a string message.</summary>
    public LuaException(string message) : base(message) => Value = message;

    /// <summary>Creates an error carrying a string message that began as <paramref name="inner"/>.</summary>
    public LuaException(string message, Exception? inner) : base(message, inner) => Value = message;

    /// <summary>
    /// The message as .NET text: a string value decoded as UTF-8 (Lua strings are bytes, and text
    /// in them is UTF-8 by the embedding API's rule); other values as lua5.1's lua.c shows them.
    /// </summary>
    private static string Describe(LuaValue v) => v.Type switch
    {
        LuaType.String => v.AsString!.ToUtf8String(),
        LuaType.Number => v.ToString(),
        LuaType.Nil => "nil",
        _ => $"(error object is a {v.TypeName()} value)",
    };

    /// <summary>
    /// The exception as .NET logging shows it: type and message, the Lua traceback when one was
    /// captured, then the inner exception and the .NET stack as usual.
    /// </summary>
    public override string ToString()
    {
        if (LuaTraceback is null) return base.ToString();
        string text = base.ToString();
        // insert the Lua traceback right after the first line ("Type: message")
        string head = $"{GetType().FullName}: {Message}";
        return text.StartsWith(head, StringComparison.Ordinal)
            ? head + Environment.NewLine + LuaTraceback + text[head.Length..]
            : text + Environment.NewLine + LuaTraceback;
    }
}

/// <summary>
/// A chunk that does not compile: lua5.1's syntax errors ("chunk:1: '=' expected near 'x'"),
/// compiler limits ("too many local variables") and malformed binary chunks. Raised by
/// <see cref="LuaState.Load"/>, and so by DoString, DoFile and LoadFile, before anything runs.
/// </summary>
public sealed class LuaSyntaxException : LuaException
{
    /// <summary>Creates a syntax error with lua5.1's message.</summary>
    public LuaSyntaxException(string message) : base(message) { }
}
