using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using LuaVm.Runtime;

namespace LuaVm.Interop;

/// <summary>
/// How one .NET type crosses the boundary, both ways: Lua value → .NET value for parameters,
/// .NET value → Lua value for results. Built once per type (<see cref="Converters.For"/>), holds
/// no per-state data, so every state shares it. The boxed methods serve every type; the typed
/// subclass <see cref="ClrConverter{T}"/> lets compiled calls skip boxing for the common types.
/// </summary>
internal abstract class ClrConverter
{
    /// <summary>The .NET type converted.</summary>
    public abstract Type Type { get; }

    /// <summary>What an argument error says is expected: "number", "string", "Point".</summary>
    public abstract string Expected { get; }

    /// <summary>
    /// How well a Lua value fits this type, for overload resolution: 0 it cannot convert,
    /// <see cref="Loose"/> by a loose conversion (a numeric string for a number, anything for
    /// object), up to <see cref="Exact"/> for the natural .NET type of the Lua value (double for
    /// a number, string for a string). Between, the ranks order the near misses: for a number,
    /// int before long before the other integer types before float before decimal. Cheap: it
    /// inspects, it does not convert.
    /// </summary>
    public abstract int Score(in LuaValue v);

    /// <summary>Scores (see <see cref="Score"/>).</summary>
    public const int Exact = 10, Good = 8, Poor = 4, Any = 2, Loose = 1;

    /// <summary>Converts a Lua value; on failure <paramref name="problem"/> is null for the usual "T expected, got U" or says what is wrong.</summary>
    public abstract bool TryFromLuaBoxed(LuaState state, in LuaValue v, out object? value, out string? problem);

    /// <summary>Converts a .NET value of this type (boxed) to Lua.</summary>
    public abstract LuaValue ToLuaBoxed(LuaState state, object? value);

    /// <summary>The typed <c>Arg(CallContext, int)</c> of <see cref="ClrConverter{T}"/>, for compiled calls; null for boxed-only converters.</summary>
    public virtual MethodInfo? TypedArg => null;

    /// <summary>The typed <c>ToLua(LuaState, T)</c> of <see cref="ClrConverter{T}"/>, for compiled calls; null for boxed-only converters.</summary>
    public virtual MethodInfo? TypedToLua => null;

    /// <summary>Argument <paramref name="n"/>, converted, or lua5.1's argument error.</summary>
    public object? ArgBoxed(CallContext call, int n)
    {
        if (TryFromLuaBoxed(call.State, call[n], out var value, out var problem)) return value;
        throw ArgumentError(call, n, problem);
    }

    /// <summary>"bad argument #n to 'f' (T expected, got U)", or with the specific problem.</summary>
    public LuaException ArgumentError(CallContext call, int n, string? problem) =>
        problem is null ? call.TypeError(n, Expected) : call.ArgError(n, problem);

    /// <summary>The typed <c>Result(LuaState, LuaValue)</c> of <see cref="ClrConverter{T}"/>, for compiled callbacks; null for boxed-only converters.</summary>
    public virtual MethodInfo? TypedResult => null;

    /// <summary>
    /// A Lua function's result converted for a delegate's return type: nil is null (default)
    /// for reference and nullable types, anything else converts or raises "bad result".
    /// </summary>
    public object? ResultBoxed(LuaState state, LuaValue result)
    {
        if (result.IsNil && (!Type.IsValueType || Nullable.GetUnderlyingType(Type) is not null)) return null;
        if (TryFromLuaBoxed(state, result, out var value, out var problem)) return value;
        throw BadResult(result, problem);
    }

    /// <summary>The error for a Lua callback's result that does not convert.</summary>
    protected LuaException BadResult(in LuaValue result, string? problem) =>
        new($"bad result from Lua callback ({problem ?? Mismatch(result)})");

    /// <summary>The usual mismatch text, for conversions nested in another (a table's field).</summary>
    public string Mismatch(in LuaValue v) => $"{Expected} expected, got {v.TypeName()}";
}

/// <summary>A converter with typed, unboxed entry points (for the types calls use most).</summary>
internal abstract class ClrConverter<T> : ClrConverter
{
    public sealed override Type Type => typeof(T);

    private static readonly MethodInfo ArgMethod = typeof(ClrConverter<T>).GetMethod(nameof(Arg))!;
    private static readonly MethodInfo ToLuaMethod = typeof(ClrConverter<T>).GetMethod(nameof(ToLua))!;
    private static readonly MethodInfo ResultMethod = typeof(ClrConverter<T>).GetMethod(nameof(Result))!;

    public sealed override MethodInfo TypedArg => ArgMethod;
    public sealed override MethodInfo TypedToLua => ToLuaMethod;
    public sealed override MethodInfo TypedResult => ResultMethod;

    /// <summary>A callback's result, unboxed (see <see cref="ClrConverter.ResultBoxed"/>).</summary>
    public T Result(LuaState state, LuaValue result)
    {
        if (TryFromLua(state, result, out var value, out var problem)) return value;
        if (result.IsNil && !typeof(T).IsValueType) return default!;
        throw BadResult(result, problem);
    }

    /// <summary>Converts a Lua value; see <see cref="ClrConverter.TryFromLuaBoxed"/>.</summary>
    public abstract bool TryFromLua(LuaState state, in LuaValue v, [MaybeNullWhen(false)] out T value, out string? problem);

    /// <summary>Converts a .NET value to Lua.</summary>
    public abstract LuaValue ToLua(LuaState state, T value);

    /// <summary>Argument <paramref name="n"/>, converted, or lua5.1's argument error.</summary>
    public T Arg(CallContext call, int n)
    {
        if (TryFromLua(call.State, call[n], out var value, out var problem)) return value;
        throw ArgumentError(call, n, problem);
    }

    public sealed override bool TryFromLuaBoxed(LuaState state, in LuaValue v, out object? value, out string? problem)
    {
        bool ok = TryFromLua(state, v, out var typed, out problem);
        value = typed;
        return ok;
    }

    public sealed override LuaValue ToLuaBoxed(LuaState state, object? value) => ToLua(state, (T)value!);
}
