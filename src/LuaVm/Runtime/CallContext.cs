using System.Runtime.CompilerServices;

namespace LuaVm.Runtime;

/// <summary>
/// What a <see cref="LuaNativeFunction"/> receives: its arguments (on the thread's stack, from
/// <see cref="Base"/>), and helpers to check them with lua5.1's messages and to push results.
/// Arguments are numbered from 1 as in the Lua C API. Results are pushed on top of the stack
/// (after the arguments) and the function returns how many it pushed.
/// </summary>
public readonly partial struct CallContext
{
    /// <summary>The running thread.</summary>
    public readonly LuaThread Thread;
    /// <summary>Stack index of argument 1.</summary>
    public readonly int Base;
    /// <summary>Number of arguments passed.</summary>
    public readonly int ArgCount;
    /// <summary>The function being called.</summary>
    public readonly NativeFunction Function;

    /// <summary>Set up by the VM for each native call.</summary>
    public CallContext(LuaThread thread, int @base, int argCount, NativeFunction function)
    {
        Thread = thread;
        Base = @base;
        ArgCount = argCount;
        Function = function;
    }

    /// <summary>The Lua state.</summary>
    public LuaState State => Thread.State;

    /// <summary>Argument <paramref name="n"/> (1-based); nil when absent.</summary>
    public LuaValue this[int n]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (uint)(n - 1) < (uint)ArgCount ? Thread.Stack[Base + n - 1] : LuaValue.Nil;
    }

    /// <summary>Argument <paramref name="n"/> (1-based); nil when absent.</summary>
    public LuaValue Arg(int n) => this[n];

    /// <summary>True when argument n was not passed at all ("no value", not even nil).</summary>
    public bool IsNone(int n) => n > ArgCount;

    /// <summary>True when argument n is absent or nil.</summary>
    public bool IsNoneOrNil(int n) => this[n].IsNil;

    // ---- results ----

    /// <summary>Pushes one result.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Push(in LuaValue v) => Thread.Push(v);

    /// <summary>Returns no results.</summary>
    public int Return() => 0;

    /// <summary>Returns one result.</summary>
    public int Return(in LuaValue a)
    {
        Thread.Push(a);
        return 1;
    }

    /// <summary>Returns two results.</summary>
    public int Return(in LuaValue a, in LuaValue b)
    {
        Thread.Push(a);
        Thread.Push(b);
        return 2;
    }

    /// <summary>Returns three results.</summary>
    public int Return(in LuaValue a, in LuaValue b, in LuaValue c)
    {
        Thread.Push(a);
        Thread.Push(b);
        Thread.Push(c);
        return 3;
    }

    /// <summary>
    /// Suspends the running coroutine, handing the top <paramref name="valueCount"/> stack
    /// values to resume's caller. When the coroutine is resumed, the resume arguments become
    /// this native function's results. Use as <c>return call.Yield(n);</c>.
    /// </summary>
    public int Yield(int valueCount) => YieldMarker - valueCount;

    /// <summary>
    /// Suspends the running coroutine like <see cref="Yield(int)"/>, and has
    /// <paramref name="continuation"/> finish this native function's call when the coroutine is
    /// resumed (lua_yieldk's continuation): it is called with the resume's values as its
    /// arguments, and what it returns are the results of this call. It may raise a Lua error,
    /// which a pcall in the coroutine catches, or yield again. Use as
    /// <c>return call.Yield(n, k);</c>.
    /// </summary>
    public int Yield(int valueCount, LuaNativeFunction continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Thread.Continuation = continuation;
        return YieldMarker - valueCount;
    }

    /// <summary>Return codes at or below this value mean "yield"; see <see cref="Yield(int)"/>.</summary>
    public const int YieldMarker = -1;

    // ---- errors ----

    /// <summary>
    /// Raises a Lua error with the position of the calling Lua code prepended (luaL_error).
    /// Use as <c>throw call.Error("...")</c>. The message is .NET text: Lua sees its UTF-8 bytes.
    /// </summary>
    public LuaException Error(string message) => LuaException.At(Thread.Where(1), message, latin1: false);

    /// <summary>
    /// <see cref="Error(string)"/> for the libraries, whose messages carry Lua bytes one char per
    /// byte (a module name, an option the script gave): the error has exactly those bytes.
    /// </summary>
    internal LuaException ErrorLatin1(string message) => LuaException.At(Thread.Where(1), message, latin1: true);

    /// <summary>Raises "bad argument #n to 'name' (message)" (luaL_argerror); the message is .NET text (UTF-8 in Lua).</summary>
    public LuaException ArgError(int n, string message) => ArgError(n, message, latin1: false);

    /// <summary><see cref="ArgError(int, string)"/> with a message that carries Lua bytes one char per byte.</summary>
    internal LuaException ArgErrorLatin1(int n, string message) => ArgError(n, message, latin1: true);

    private LuaException ArgError(int n, string message, bool latin1)
    {
        // The function's name comes from Lua code (bytes, one char each); only the message may be .NET text.
        var (name, isMethod) = Thread.CurrentFunctionName(Function);
        string where = Thread.Where(1);
        if (isMethod)
        {
            n--;
            if (n == 0) return LuaException.At(where + $"calling '{name}' on bad self (", message, latin1, ")");
        }
        return LuaException.At(where + $"bad argument #{n} to '{name}' (", message, latin1, ")");
    }

    /// <summary>Raises "bad argument #n to 'name' (T expected, got U)" (luaL_typerror).</summary>
    public LuaException TypeError(int n, string expected) =>
        ArgError(n, $"{expected} expected, got {(IsNone(n) ? "no value" : this[n].TypeName())}");

    // ---- argument checks (luaL_check* / luaL_opt*) ----

    /// <summary>Any value, but present.</summary>
    public LuaValue CheckAny(int n)
    {
        if (IsNone(n)) throw ArgError(n, "value expected");
        return this[n];
    }

    /// <summary>A value of the given type.</summary>
    public LuaValue CheckType(int n, LuaType t)
    {
        var v = this[n];
        if (v.Type != t) throw TypeError(n, LuaValue.TypeName(t));
        return v;
    }

    /// <summary>A number, or a string convertible to one.</summary>
    public double CheckNumber(int n)
    {
        var v = this[n];
        if (v.IsNumber) return v.Num;
        if (v.TryToNumber(out double d)) return d;
        throw TypeError(n, "number");
    }

    /// <summary>An integer: a number truncated toward zero (lua_tointeger on x86-64).</summary>
    public long CheckInteger(int n) => ToInteger(CheckNumber(n));

    /// <summary>An int-sized integer (luaL_checkint).</summary>
    public int CheckInt(int n) => (int)CheckInteger(n);

    /// <summary>A string, or a number converted to one.</summary>
    public LuaString CheckString(int n)
    {
        var v = this[n];
        if (v.Obj is LuaString s) return s;
        if (v.IsNumber) return v.ToLuaStringCoerced()!;
        throw TypeError(n, "string");
    }

    /// <summary>A table.</summary>
    public LuaTable CheckTable(int n) => this[n].Obj as LuaTable ?? throw TypeError(n, "table");

    /// <summary>A function.</summary>
    public LuaFunction CheckFunction(int n) => this[n].Obj as LuaFunction ?? throw TypeError(n, "function");

    /// <summary>A number, or <paramref name="def"/> when absent or nil.</summary>
    public double OptNumber(int n, double def) => IsNoneOrNil(n) ? def : CheckNumber(n);

    /// <summary>An integer, or <paramref name="def"/> when absent or nil.</summary>
    public long OptInteger(int n, long def) => IsNoneOrNil(n) ? def : CheckInteger(n);

    /// <summary>An int, or <paramref name="def"/> when absent or nil.</summary>
    public int OptInt(int n, int def) => IsNoneOrNil(n) ? def : CheckInt(n);

    /// <summary>A string, or <paramref name="def"/> when absent or nil.</summary>
    public LuaString? OptString(int n, LuaString? def) => IsNoneOrNil(n) ? def : CheckString(n);

    /// <summary>One of the given option names (luaL_checkoption).</summary>
    public int CheckOption(int n, string? def, params string[] options)
    {
        string name = def is not null && IsNoneOrNil(n) ? def : CheckString(n).ToLatin1String();
        int i = Array.IndexOf(options, name);
        if (i < 0) throw ArgErrorLatin1(n, $"invalid option '{name}'"); // the option's bytes, as given
        return i;
    }

    /// <summary>C's conversion of a double to an integer type on x86-64: truncation (saturating here).</summary>
    public static long ToInteger(double d)
    {
        if (double.IsNaN(d)) return long.MinValue;
        return d >= 9.2233720368547758e18 ? long.MinValue : d <= -9.2233720368547758e18 ? long.MinValue : (long)d;
    }
}
