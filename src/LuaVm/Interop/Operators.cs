using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using LuaVm.Runtime;

namespace LuaVm.Interop;

/// <summary>
/// A type's operators as metamethods: op_Addition → __add, op_Subtraction → __sub,
/// op_Multiply → __mul, op_Division → __div, op_Modulus → __mod, op_UnaryNegation → __unm,
/// op_Equality → __eq (Equals otherwise), op_LessThan → __lt and op_LessThanOrEqual → __le
/// (IComparable otherwise), ToString → __tostring, and a Count or Length property → __len. The
/// operand order is Lua's (either side may be the userdata); overloads resolve like methods.
/// </summary>
internal static class Operators
{
    private static readonly (string Method, string Event)[] Binary =
    [
        ("op_Addition", "__add"), ("op_Subtraction", "__sub"), ("op_Multiply", "__mul"), ("op_Division", "__div"),
        ("op_Modulus", "__mod"), ("op_UnaryNegation", "__unm"), ("op_Equality", "__eq"), ("op_LessThan", "__lt"),
        ("op_LessThanOrEqual", "__le"),
    ];

    [RequiresUnreferencedCode("Binds the type's operator methods by reflection.")]
    public static void AddTo(LuaTable metatable, [DynamicallyAccessedMembers(InteropRegistry.Exposed)] Type type, string typeName,
        IReadOnlyCollection<string>? allowed, LuaTable env)
    {
        var statics = type.GetMethods(BindingFlags.Public | BindingFlags.Static);
        foreach (var (method, @event) in Binary)
        {
            var overloads = statics.Where(m => m.Name == method && m.IsSpecialName && TypeBinding.Visible(m, allowed))
                .Select(m => Overload.ForMember(type, m, $"{typeName}.{method}")).ToArray();
            if (overloads.Length > 0) metatable.Set(@event, new NativeFunction(@event, new OverloadSet(overloads, $"{typeName}.{method}", alwaysResolve: true).Invoke, env));
        }
        if (metatable.Get("__eq").IsNil)
            metatable.Set("__eq", new NativeFunction("__eq", call => call.Return(Equals(ValueOf(call[1]), ValueOf(call[2]))), env));
        bool comparable = typeof(IComparable).IsAssignableFrom(type);
        if (comparable && metatable.Get("__lt").IsNil)
            metatable.Set("__lt", new NativeFunction("__lt", call => call.Return(Compare(call, typeName) < 0), env));
        if (comparable && metatable.Get("__le").IsNil)
            metatable.Set("__le", new NativeFunction("__le", call => call.Return(Compare(call, typeName) <= 0), env));
        if (Members.Allowed(allowed, "ToString"))
            metatable.Set("__tostring", new NativeFunction("__tostring", call => ToStringOf(call, typeName), env));
        var length = type.GetProperty("Count", BindingFlags.Public | BindingFlags.Instance, null, typeof(int), [], null)
            ?? type.GetProperty("Length", BindingFlags.Public | BindingFlags.Instance, null, typeof(int), [], null);
        if (length?.GetMethod is { IsPublic: true } getter && TypeBinding.Visible(length, allowed))
            metatable.Set("__len", new NativeFunction("__len", Overload.ForMember(type, getter, $"{typeName}.{length.Name}").Invoke, env));
    }

    private static object? ValueOf(in LuaValue v) => (v.Obj as LuaUserdata)?.Value;

    private static int Compare(CallContext call, string typeName)
    {
        var a = ValueOf(call[1]) as IComparable;
        try
        {
            return a?.CompareTo(ValueOf(call[2])) ?? throw call.Error($"attempt to compare {typeName} with {call[2].TypeName()}");
        }
        catch (Exception e) when (InteropErrors.IsClrFailure(e))
        {
            throw InteropErrors.FromClr(call, e, $"{typeName}.CompareTo");
        }
    }

    private static int ToStringOf(CallContext call, string typeName)
    {
        try
        {
            return call.Return(LuaString.FromUtf8(ValueOf(call[1])?.ToString() ?? ""));
        }
        catch (Exception e) when (InteropErrors.IsClrFailure(e))
        {
            throw InteropErrors.FromClr(call, e, $"{typeName}.ToString");
        }
    }
}
