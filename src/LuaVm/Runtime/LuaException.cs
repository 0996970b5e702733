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

    /// <summary>Creates an error carrying a string message: .NET text, which Lua sees as its UTF-8 bytes.</summary>
    public LuaException(string message) : this(LuaString.FromUtf8(message), null) { }

    /// <summary>Creates an error carrying a string message (.NET text, UTF-8 in Lua) that began as <paramref name="inner"/>.</summary>
    public LuaException(string message, Exception? inner) : this(LuaString.FromUtf8(message), inner) { }

    /// <summary>An error whose string value is exactly <paramref name="message"/>'s bytes; <see cref="Exception.Message"/> decodes them as UTF-8.</summary>
    private protected LuaException(LuaString message, Exception? inner) : base(message.ToUtf8String(), inner) => Value = message;

    /// <summary>
    /// An error from a message that carries Lua bytes one char per byte (the libraries' and the
    /// VM's internal form, where names and chunk names from Lua code appear as they are), so the
    /// error value has exactly those bytes, as lua5.1's would.
    /// </summary>
    internal static LuaException FromLatin1(string message, Exception? inner = null) => new(LuaString.FromLatin1(message), inner);

    /// <summary>
    /// An error "PREFIX MESSAGE SUFFIX" where the prefix and suffix carry Lua bytes one char per
    /// byte (a position "chunk:line: ", a function name from Lua code) and the message is .NET text
    /// encoded as UTF-8, or Lua bytes too when <paramref name="latin1"/>.
    /// </summary>
    internal static LuaException At(string prefix, string message, bool latin1, string suffix = "", Exception? inner = null)
    {
        if (latin1) return FromLatin1(prefix + message + suffix, inner);
        var text = LuaString.FromUtf8(message);
        return new(LuaString.Concat(LuaString.Concat(LuaString.FromLatin1(prefix), text), LuaString.FromLatin1(suffix)), inner);
    }

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
    /// <summary>Creates a syntax error with lua5.1's message (.NET text, UTF-8 in Lua).</summary>
    public LuaSyntaxException(string message) : base(message) { }

    private LuaSyntaxException(LuaString message) : base(message, null) { }

    /// <summary>A syntax error whose message carries Lua bytes one char per byte (the compiler's form: chunk names, tokens).</summary>
    internal static LuaSyntaxException FromLatin1(string message) => new(LuaString.FromLatin1(message));
}
