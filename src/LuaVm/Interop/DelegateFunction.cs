using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using LuaVm.Runtime;

namespace LuaVm.Interop;

/// <summary>
/// A .NET delegate as a Lua function: arguments converted by the parameters' types, the result
/// by the return type, lua5.1-style argument errors. The conversion code is compiled once per
/// delegate type (and parameter metadata: defaults, params, nullability) and shared by every
/// delegate of that signature.
/// </summary>
internal static class DelegateFunction
{
    private static readonly ConcurrentDictionary<(Type, string), Func<Delegate, CallContext, int>> Invokers = new();

    /// <summary>A native function calling <paramref name="target"/>; <paramref name="name"/> (or the method's name) is its name in messages.</summary>
    [RequiresUnreferencedCode("Binds the delegate type's Invoke method.")]
    public static NativeFunction Create(Delegate target, string? name, LuaTable env)
    {
        name ??= NameOf(target);
        if (target is LuaNativeFunction native) return new NativeFunction(name, native, env);
        var type = target.GetType();
        var invokeParameters = type.GetMethod("Invoke")!.GetParameters();
        var methodParameters = target.Method.GetParameters();
        // The method's own parameters carry defaults, params and nullability, when they line up
        // with Invoke's (not for a static method closed over its first argument).
        var metadata = methodParameters.Length == invokeParameters.Length ? methodParameters : invokeParameters;
        var invoker = Invokers.GetOrAdd((type, Overload.MetadataKey(metadata)), key => Overload.ForDelegateType(key.Item1, metadata));
        return new NativeFunction(name, call => invoker(target, call), env);
    }

    /// <summary>The method's name when it has a real one (not a lambda's compiler-made name).</summary>
    private static string NameOf(Delegate d) =>
        d.Method.IsDefined(typeof(CompilerGeneratedAttribute), false) || d.Method.Name.Contains('<') ? "?" : d.Method.Name;
}
