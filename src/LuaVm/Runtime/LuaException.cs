namespace LuaVm.Runtime;

/// <summary>
/// A Lua error in flight: raised by error(), by the VM ("attempt to index ..."), by libraries,
/// or by the compiler (syntax errors). <see cref="Value"/> is the Lua error value, which may be
/// any value (tables keep their identity through pcall). Every Lua error that reaches an
/// embedder is one; os.exit raises <see cref="LuaExitException"/>, which is not a Lua error.
/// </summary>
public sealed class LuaException : Exception
{
    /// <summary>The error value.</summary>
    public LuaValue Value { get; }

    /// <summary>The Lua stack traceback ("stack traceback:\n\t..."), when one was captured.</summary>
    public string? LuaTraceback { get; set; }

    /// <summary>Creates an error carrying a Lua value.</summary>
    public LuaException(LuaValue value) : base(Describe(value)) => Value = value;

    /// <summary>Creates an error carrying a string message.</summary>
    public LuaException(string message) : base(message) => Value = message;

    private static string Describe(LuaValue v) => v.Type switch
    {
        LuaType.String or LuaType.Number => v.ToString(),
        LuaType.Nil => "nil",
        _ => $"(error object is a {v.TypeName()} value)",
    };
}
