using LuaVm.Bytecode;

namespace LuaVm.Runtime;

/// <summary>A Lua function value: a <see cref="LuaClosure"/> or a <see cref="NativeFunction"/>.</summary>
public abstract class LuaFunction : LuaObject
{
    /// <summary>The function's environment (getfenv/setfenv): where its globals live.</summary>
    public LuaTable Env;

    /// <summary>Creates a function with the given environment.</summary>
    protected LuaFunction(LuaTable env) : base(LuaType.Function) => Env = env;
}

/// <summary>A Lua function: a prototype plus its captured upvalues.</summary>
public sealed class LuaClosure : LuaFunction
{
    /// <summary>The compiled code.</summary>
    public readonly Proto Proto;
    /// <summary>The captured variables, one per <see cref="Proto.NumUpvalues"/>.</summary>
    public readonly UpValue[] UpValues;

    /// <summary>Creates a closure; the caller fills <see cref="UpValues"/>.</summary>
    public LuaClosure(Proto proto, LuaTable env) : base(env)
    {
        Proto = proto;
        UpValues = proto.NumUpvalues == 0 ? [] : new UpValue[proto.NumUpvalues];
        AllocationMeter.Charge(ObjectSizes.Closure(proto.NumUpvalues));
    }
}

/// <summary>
/// The signature of a function written in C#. Arguments are in <paramref name="call"/>; the
/// function pushes its results with <see cref="CallContext.Push(in LuaValue)"/> (or the
/// Return helpers) and returns how many it pushed. To suspend the running coroutine it returns
/// <see cref="CallContext.Yield(int)"/> instead (see docs/embedding.md).
/// </summary>
public delegate int LuaNativeFunction(CallContext call);

/// <summary>
/// A native function's short path (<see cref="NativeFunction.Fast"/>): its arguments are
/// <paramref name="argCount"/> values at stack[func + 1 ...]; it leaves its results at
/// stack[func ...], no more of them than it had arguments, and returns how many, or returns -1
/// and changes nothing when the call is not one it computes (another type, a string to convert,
/// an error to raise), which
/// <see cref="NativeFunction.Invoke"/> then makes. What it computes is what Invoke would, and it
/// never fails: no frame is pushed, so no error position or traceback could name it.
/// </summary>
internal delegate int FastCall(LuaValue[] stack, int func, int argCount);

/// <summary>A function implemented in C#.</summary>
public sealed class NativeFunction : LuaFunction
{
    /// <summary>Name used in error messages when the call site gives none.</summary>
    public readonly string Name;
    /// <summary>The implementation.</summary>
    public readonly LuaNativeFunction Invoke;

    /// <summary>Set for the few functions the interpreter runs itself (pcall, xpcall).</summary>
    internal NativeKind Kind;

    /// <summary>For a function made by coroutine.wrap: its coroutine.</summary>
    internal LuaThread? WrappedCoroutine;

    /// <summary>
    /// For a few functions called often with the arguments they expect (math.floor of a number,
    /// s:sub(i, j), s:byte(i)): what compiled code calls instead of <see cref="Invoke"/>,
    /// without a frame or a <see cref="CallContext"/> (see <see cref="FastCall"/>).
    /// </summary>
    internal FastCall? Fast;

    /// <summary>Creates a native function with the given environment.</summary>
    public NativeFunction(string name, LuaNativeFunction invoke, LuaTable env) : base(env)
    {
        Name = name;
        Invoke = invoke;
    }
}
