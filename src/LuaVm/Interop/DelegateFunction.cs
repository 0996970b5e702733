using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using LuaVm.Runtime;

namespace LuaVm.Interop;

/// <summary>
/// A .NET delegate as a Lua function: arguments converted by the parameters' types, the result
/// by the return type, lua5.1-style argument errors. The conversion code is compiled once per
/// delegate type and shared by every delegate of that type.
/// </summary>
internal static class DelegateFunction
{
    private static readonly ConcurrentDictionary<Type, Func<Delegate, CallContext, int>> Invokers = new();

    /// <summary>A native function calling <paramref name="target"/>; <paramref name="name"/> (or the method's name) is its name in messages.</summary>
    [RequiresUnreferencedCode("Binds the delegate type's Invoke method.")]
    public static NativeFunction Create(Delegate target, string? name, LuaTable env)
    {
        name ??= NameOf(target);
        if (target is LuaNativeFunction native) return new NativeFunction(name, native, env);
        var invoker = Invokers.GetOrAdd(target.GetType(), static type => Overload.ForDelegateType(type).Invoke);
        return new NativeFunction(name, call => invoker(target, call), env);
    }

    /// <summary>The method's name when it has a real one (not a lambda's compiler-made name).</summary>
    private static string NameOf(Delegate d) =>
        d.Method.IsDefined(typeof(CompilerGeneratedAttribute), false) || d.Method.Name.Contains('<') ? "?" : d.Method.Name;
}
