using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Reflection;
using LuaVm.Runtime;

namespace LuaVm.Interop;

/// <summary>
/// One callable .NET signature (a method, a constructor, or a delegate type's Invoke) compiled
/// once into a <see cref="LuaNativeFunction"/>: each argument is read from the Lua stack by its
/// parameter's converter, the member is called directly, the result is pushed by the result's
/// converter. No reflection runs per call. Exceptions other than Lua's own become Lua errors
/// naming the member (<see cref="InteropErrors"/>).
/// </summary>
internal sealed class Overload
{
    /// <summary>One parameter: how to read it, and what a missing or nil argument means.</summary>
    internal sealed record Parameter(ClrConverter Converter, bool AcceptsNil, bool HasDefault, bool IsParams, ClrConverter? ElementConverter);

    private static readonly MethodInfo ArgBoxedMethod = typeof(ClrConverter).GetMethod(nameof(ClrConverter.ArgBoxed))!;
    private static readonly MethodInfo IsNoneOrNilMethod = typeof(CallContext).GetMethod(nameof(CallContext.IsNoneOrNil))!;
    private static readonly MethodInfo PushMethod = typeof(Overload).GetMethod(nameof(Push), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo SelfMethod = typeof(Overload).GetMethod(nameof(SelfObject), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo SelfErrorMethod = typeof(Overload).GetMethod(nameof(SelfError), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo ParamsMethod = typeof(Overload).GetMethod(nameof(ReadParams), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo IsFailureMethod = typeof(InteropErrors).GetMethod(nameof(InteropErrors.IsClrFailure))!;
    private static readonly MethodInfo FromClrMethod = typeof(InteropErrors).GetMethod(nameof(InteropErrors.FromClr))!;
    private static readonly PropertyInfo StateProperty = typeof(CallContext).GetProperty(nameof(CallContext.State))!;

    /// <summary>Lua argument index of the first .NET parameter: 2 for instance methods (1 is self), 1 otherwise.</summary>
    public readonly int FirstArg;
    public readonly Parameter[] Parameters;
    /// <summary>The compiled call.</summary>
    public readonly LuaNativeFunction Invoke;
    /// <summary>For messages: "Point.Add".</summary>
    public readonly string Name;

    private Overload(int firstArg, Parameter[] parameters, LuaNativeFunction invoke, string name)
    {
        FirstArg = firstArg;
        Parameters = parameters;
        Invoke = invoke;
        Name = name;
    }

    /// <summary>A method or constructor of <paramref name="type"/>; instance methods take self from argument 1.</summary>
    [RequiresUnreferencedCode("Binds members found by reflection.")]
    public static Overload ForMember(Type type, MethodBase member, string name)
    {
        var call = Expression.Parameter(typeof(CallContext), "call");
        bool instance = !member.IsStatic && member is MethodInfo;
        int first = instance ? 2 : 1;
        var nullability = new NullabilityInfoContext();
        var infos = member.GetParameters();
        var parameters = infos.Select(p => Describe(p, p, AcceptsNil(p, nullability))).ToArray();
        var args = Arguments(call, infos, infos, parameters, first);
        Expression body;
        if (member is ConstructorInfo ctor) body = Expression.New(ctor, args);
        else
        {
            var method = (MethodInfo)member;
            body = instance ? Expression.Call(Self(call, type, name), method, args) : Expression.Call(method, args);
        }
        return new Overload(first, parameters, Finish(call, body, name), name);
    }

    /// <summary>
    /// A delegate type's Invoke, compiled once per delegate type and parameter metadata: the
    /// returned function takes the delegate instance, so every delegate of that type whose
    /// method declares the same optional, params and nullable parameters shares the compiled
    /// code. <paramref name="metadata"/> is the target method's parameters when they line up
    /// with Invoke's (they carry defaults, params and nullability; a delegate type's generic
    /// arguments carry none), otherwise Invoke's own.
    /// </summary>
    [RequiresUnreferencedCode("Binds the delegate type's Invoke method.")]
    public static Func<Delegate, CallContext, int> ForDelegateType(Type delegateType, ParameterInfo[] metadata)
    {
        var invokeMethod = delegateType.GetMethod("Invoke")!;
        var call = Expression.Parameter(typeof(CallContext), "call");
        var target = Expression.Parameter(typeof(Delegate), "target");
        var infos = invokeMethod.GetParameters();
        var nullability = new NullabilityInfoContext();
        var parameters = infos.Select((p, i) => Describe(p, metadata[i], AcceptsNil(metadata[i], nullability))).ToArray();
        var args = Arguments(call, infos, metadata, parameters, 1);
        var body = Expression.Invoke(Expression.Convert(target, delegateType), args);
        var lambda = Expression.Lambda<Func<Delegate, CallContext, int>>(Guard(call, Result(call, body), null), target, call);
        return Compile.Lambda(lambda);
    }

    /// <summary>What distinguishes the compiled code of two delegates of one type: their parameters' metadata.</summary>
    public static string MetadataKey(ParameterInfo[] metadata)
    {
        var nullability = new NullabilityInfoContext();
        return string.Join(";", metadata.Select(p =>
            $"{p.IsDefined(typeof(ParamArrayAttribute), false)}/{p.HasDefaultValue}/{(p.HasDefaultValue ? p.DefaultValue : null)}/{AcceptsNil(p, nullability)}"));
    }

    [RequiresUnreferencedCode("Converters for the parameter types.")]
    private static Parameter Describe(ParameterInfo p, ParameterInfo metadata, bool acceptsNil)
    {
        bool isParams = metadata.IsDefined(typeof(ParamArrayAttribute), false) && p.ParameterType.IsArray;
        var element = isParams ? Converters.For(p.ParameterType.GetElementType()!) : null;
        return new Parameter(Converters.For(p.ParameterType), acceptsNil, metadata.IsOptional || metadata.HasDefaultValue, isParams, element);
    }

    /// <summary>Nil for a reference parameter is null unless the parameter is declared non-nullable (string, not string?).</summary>
    private static bool AcceptsNil(ParameterInfo p, NullabilityInfoContext context)
    {
        if (p.ParameterType.IsValueType) return false;
        return context.Create(p).WriteState != NullabilityState.NotNull;
    }

    private static Expression[] Arguments(ParameterExpression call, ParameterInfo[] infos, ParameterInfo[] metadata, Parameter[] parameters, int first)
    {
        var args = new Expression[infos.Length];
        for (int i = 0; i < infos.Length; i++)
        {
            var info = infos[i];
            var p = parameters[i];
            var n = Expression.Constant(first + i);
            if (p.IsParams)
            {
                args[i] = Expression.Convert(Expression.Call(ParamsMethod, call, n, Expression.Constant(info.ParameterType), Expression.Constant(p.ElementConverter, typeof(ClrConverter))), info.ParameterType);
                continue;
            }
            Expression read = p.Converter.TypedArg is { } typed && typed.ReturnType == info.ParameterType
                ? Expression.Call(Expression.Constant(p.Converter), typed, call, n)
                : Expression.Convert(Expression.Call(Expression.Constant(p.Converter, typeof(ClrConverter)), ArgBoxedMethod, call, n), info.ParameterType);
            if (p.HasDefault || p.AcceptsNil)
            {
                Expression fallback = p.HasDefault ? DefaultOf(metadata[i], info.ParameterType) : Expression.Default(info.ParameterType);
                read = Expression.Condition(Expression.Call(call, IsNoneOrNilMethod, n), fallback, read);
            }
            args[i] = read;
        }
        return args;
    }

    private static Expression DefaultOf(ParameterInfo p, Type type)
    {
        object? value = p.HasDefaultValue ? p.DefaultValue : null;
        if (value is null || value is DBNull || value is Missing) return Expression.Default(type);
        if (Nullable.GetUnderlyingType(type) is { } inner) return Expression.Convert(Expression.Constant(Convert(value, inner), inner), type);
        return Expression.Constant(Convert(value, type), type);
    }

    private static object Convert(object value, Type type) => type.IsEnum ? Enum.ToObject(type, value) : value;

    /// <summary>self: the object of argument 1, of the member's declaring type, or "calling 'M' on bad self".</summary>
    private static Expression Self(ParameterExpression call, Type type, string name)
    {
        var o = Expression.Variable(typeof(object), "self");
        var fail = Expression.Throw(Expression.Call(SelfErrorMethod, call, Expression.Constant(Converters.NameOf(type))), type);
        Expression typed = type.IsValueType
            ? Expression.Condition(Expression.TypeIs(o, type), Expression.Unbox(o, type), fail)
            : Expression.Coalesce(Expression.TypeAs(o, type), fail);
        return Expression.Block(type, [o], Expression.Assign(o, Expression.Call(SelfMethod, call)), typed);
    }

    private static LuaNativeFunction Finish(ParameterExpression call, Expression body, string name) =>
        Compile.Lambda(Expression.Lambda<LuaNativeFunction>(Guard(call, Result(call, body), name), call));

    /// <summary>
    /// Pushes the result (if any) and returns the result count. A value tuple is several
    /// results: <c>(bool Ok, string Error) TryParse(...)</c> returns two values to Lua.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "A value tuple's Item fields, of a tuple type a member's signature names.")]
    private static Expression Result(ParameterExpression call, Expression body)
    {
        if (body.Type == typeof(void)) return Expression.Block(body, Expression.Constant(0));
        if (IsValueTuple(body.Type))
        {
            var tuple = Expression.Variable(body.Type, "results");
            var fields = body.Type.GetFields().Where(f => f.Name.StartsWith("Item", StringComparison.Ordinal)).OrderBy(f => f.Name).ToArray();
            var steps = new List<Expression> { Expression.Assign(tuple, body) };
            steps.AddRange(fields.Select(f => PushOne(call, Expression.Field(tuple, f))));
            steps.Add(Expression.Constant(fields.Length));
            return Expression.Block(typeof(int), [tuple], steps);
        }
        return PushOne(call, body);
    }

    /// <summary>ValueTuple`1 to `7 (the eighth nests the rest: not taken apart).</summary>
    private static bool IsValueTuple(Type t) =>
        t.IsGenericType && t.FullName is { } name && name.StartsWith("System.ValueTuple`", StringComparison.Ordinal) && t.GetGenericArguments().Length < 8;

    /// <summary>Converts one value by its static type's converter and pushes it; the expression's value is 1.</summary>
    private static Expression PushOne(ParameterExpression call, Expression body) =>
        Expression.Call(PushMethod, call, Accessors.ToLua(Expression.Property(call, StateProperty), body));

    /// <summary>Exceptions thrown by the member become Lua errors; Lua's own errors pass.</summary>
    private static Expression Guard(ParameterExpression call, Expression body, string? name)
    {
        var e = Expression.Variable(typeof(Exception), "e");
        var rethrow = Expression.Throw(Expression.Call(FromClrMethod, call, e, Expression.Constant(name, typeof(string))), typeof(int));
        return Expression.TryCatch(body, Expression.Catch(e, rethrow, Expression.Call(IsFailureMethod, e)));
    }

    private static int Push(CallContext call, LuaValue value)
    {
        call.Push(value);
        return 1;
    }

    private static object? SelfObject(CallContext call) => (call[1].Obj as LuaUserdata)?.Value;

    private static LuaException SelfError(CallContext call, string typeName) => call.TypeError(1, typeName);

    /// <summary>A params array from the arguments n..ArgCount, each converted as an element.</summary>
    private static Array ReadParams(CallContext call, int n, Type arrayType, ClrConverter element)
    {
        int count = Math.Max(0, call.ArgCount - n + 1);
        var array = CollectionConverter.NewArray(arrayType, count);  // the parameter's own array type: no code to generate
        for (int i = 0; i < count; i++)
        {
            var v = call[n + i];
            if (!CollectionConverter.ConvertPart(call.State, v, element, out var value, out var problem))
                throw element.ArgumentError(call, n + i, problem);
            array.SetValue(value, i);
        }
        return array;
    }

    /// <summary>
    /// How well the call's arguments fit (overload resolution): 0 when they cannot, otherwise
    /// a sum of per-argument fits. Arguments beyond the parameters rule an overload out unless
    /// <paramref name="allowExtra"/> (a lone overload, like a Lua function, ignores them).
    /// </summary>
    public int Score(in CallContext call, bool allowExtra)
    {
        int score = 1;
        int last = FirstArg + Parameters.Length - 1;
        for (int i = 0; i < Parameters.Length; i++)
        {
            var p = Parameters[i];
            int n = FirstArg + i;
            if (p.IsParams)
            {
                for (int k = n; k <= call.ArgCount; k++)
                {
                    int s = p.ElementConverter!.Score(call[k]);
                    if (s == 0) return 0;
                    score += s;
                }
                return score;
            }
            var v = call[n];
            if (v.IsNil && (p.HasDefault || p.AcceptsNil))
            {
                score += 1;
                continue;
            }
            int fit = p.Converter.Score(v);
            if (fit == 0) return 0;
            score += fit;
        }
        // Extra arguments: Lua ignores them, but among overloads they mean another was meant.
        if (call.ArgCount > last && !allowExtra) return 0;
        return score;
    }
}
