using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Reflection;
using LuaVm.Runtime;
using LuaVm.Vm;

namespace LuaVm.Interop;

/// <summary>
/// A Lua function as a .NET delegate of any type (an event handler, a callback parameter,
/// <see cref="LuaState.CreateDelegate{TDelegate}(LuaValue)"/>): the delegate converts its
/// arguments to Lua, calls the function on the state's running thread, and converts the first
/// result to its return type. The code is compiled once per delegate type; calls with up to
/// three arguments allocate nothing of their own (arguments go straight onto the Lua stack).
/// Like every use of a state, the delegate must be invoked on the thread using the state.
/// </summary>
internal static class LuaCallback
{
    private static readonly ConcurrentDictionary<Type, Func<LuaState, LuaFunction, Delegate>> Factories = new();

    private static readonly MethodInfo[] CallMethods =
    [
        typeof(LuaCallback).GetMethod(nameof(Call0), BindingFlags.NonPublic | BindingFlags.Static)!,
        typeof(LuaCallback).GetMethod(nameof(Call1), BindingFlags.NonPublic | BindingFlags.Static)!,
        typeof(LuaCallback).GetMethod(nameof(Call2), BindingFlags.NonPublic | BindingFlags.Static)!,
        typeof(LuaCallback).GetMethod(nameof(Call3), BindingFlags.NonPublic | BindingFlags.Static)!,
    ];
    private static readonly MethodInfo CallManyMethod = typeof(LuaCallback).GetMethod(nameof(CallMany), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo ResultBoxedMethod = typeof(ClrConverter).GetMethod(nameof(ClrConverter.ResultBoxed))!;

    /// <summary>A delegate of type <paramref name="delegateType"/> that calls <paramref name="function"/>.</summary>
    [RequiresUnreferencedCode("Builds the delegate from its type's Invoke method.")]
    public static Delegate CreateDelegate(LuaState state, LuaFunction function, Type delegateType) =>
        Factories.GetOrAdd(delegateType, BuildFactory)(state, function);

    [RequiresUnreferencedCode("Builds the delegate from its type's Invoke method.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "An array of LuaValue, a type of this library.")]
    private static Func<LuaState, LuaFunction, Delegate> BuildFactory(Type delegateType)
    {
        var invoke = delegateType.GetMethod("Invoke") ?? throw new ArgumentException($"{delegateType} is not a delegate type");
        var state = Expression.Parameter(typeof(LuaState), "state");
        var function = Expression.Parameter(typeof(LuaFunction), "function");
        var parameters = invoke.GetParameters().Select(p => Expression.Parameter(p.ParameterType, p.Name)).ToArray();
        if (parameters.Any(p => p.IsByRef)) throw new ArgumentException($"{delegateType}: ref and out parameters cannot be filled from Lua");
        var args = parameters.Select(p => Accessors.ToLua(state, p)).ToArray();
        bool wantsResult = invoke.ReturnType != typeof(void);
        Expression call = args.Length <= 3
            ? Expression.Call(CallMethods[args.Length], [state, function, Expression.Constant(wantsResult ? 1 : 0), .. args])
            : Expression.Call(CallManyMethod, state, function, Expression.Constant(wantsResult ? 1 : 0), Expression.NewArrayInit(typeof(LuaValue), args));
        Expression body = call;
        if (wantsResult)
        {
            var converter = Converters.For(invoke.ReturnType);
            body = converter.TypedResult is { } typed && typed.ReturnType == invoke.ReturnType
                ? Expression.Call(Expression.Constant(converter), typed, state, call)     // no boxing of the result
                : Expression.Convert(Expression.Call(Expression.Constant(converter, typeof(ClrConverter)), ResultBoxedMethod, state, call), invoke.ReturnType);
        }
        var inner = Expression.Lambda(delegateType, body, parameters);
        var factory = Expression.Lambda<Func<LuaState, LuaFunction, Delegate>>(inner, state, function);
        return Compile.Lambda(factory);
    }

    // The calls themselves: arguments pushed on the running thread's stack, one result kept.

    private static LuaValue Call0(LuaState state, LuaFunction f, int wanted)
    {
        var t = state.CurrentThread;
        int func = Begin(t, f, 0);
        return Finish(t, func, wanted);
    }

    private static LuaValue Call1(LuaState state, LuaFunction f, int wanted, LuaValue a)
    {
        var t = state.CurrentThread;
        int func = Begin(t, f, 1);
        t.Stack[func + 1] = a;
        return Finish(t, func, wanted);
    }

    private static LuaValue Call2(LuaState state, LuaFunction f, int wanted, LuaValue a, LuaValue b)
    {
        var t = state.CurrentThread;
        int func = Begin(t, f, 2);
        t.Stack[func + 1] = a;
        t.Stack[func + 2] = b;
        return Finish(t, func, wanted);
    }

    private static LuaValue Call3(LuaState state, LuaFunction f, int wanted, LuaValue a, LuaValue b, LuaValue c)
    {
        var t = state.CurrentThread;
        int func = Begin(t, f, 3);
        t.Stack[func + 1] = a;
        t.Stack[func + 2] = b;
        t.Stack[func + 3] = c;
        return Finish(t, func, wanted);
    }

    private static LuaValue CallMany(LuaState state, LuaFunction f, int wanted, LuaValue[] args)
    {
        var t = state.CurrentThread;
        int func = Begin(t, f, args.Length);
        args.CopyTo(t.Stack, func + 1);
        return Finish(t, func, wanted);
    }

    private static int Begin(LuaThread t, LuaFunction f, int argCount)
    {
        int func = t.Top;
        t.EnsureStack(argCount + 1);
        t.Stack[func] = f;
        t.Top = func + 1 + argCount;
        return func;
    }

    private static LuaValue Finish(LuaThread t, int func, int wanted)
    {
        // Invoked by C# code while the state is not running Lua here (a delegate the host keeps
        // and calls later, or one called from another state's function): what the Lua function
        // allocates is its state's all the same, and its budget is checked as it runs.
        var gc = t.State.Gc;
        bool metered = ReferenceEquals(AllocationMeter.Current, gc);
        var outer = metered ? null : gc.EnterNested(t.State);
        try
        {
            Interpreter.Call(t, func, wanted);
            return wanted > 0 ? t.Stack[func] : LuaValue.Nil;
        }
        finally
        {
            t.Top = func;
            if (!metered) gc.LeaveNested(outer);
        }
    }
}
