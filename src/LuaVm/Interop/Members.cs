using System.Reflection;

namespace LuaVm.Interop;

/// <summary>
/// Which public members of a .NET type Lua may reach. Hidden: anything marked
/// <see cref="LuaHiddenAttribute"/> (or declared by a type so marked), System.Object's own
/// members (GetType, MemberwiseClone: the reflection back door; ToString and Equals serve
/// __tostring and __eq instead), every member of a reflection type (a Type or MethodInfo object
/// that reaches Lua exposes nothing), and members whose signature involves reflection types,
/// pointers, ref/out parameters or ref structs, which Lua values cannot stand for.
/// </summary>
internal static class Members
{
    public static bool IsHidden(MemberInfo member)
    {
        if (member.IsDefined(typeof(LuaHiddenAttribute), true)) return true;
        var declaring = member.DeclaringType;
        if (declaring is null || declaring == typeof(object) || declaring == typeof(ValueType) || declaring == typeof(Enum)) return true;
        if (declaring.IsDefined(typeof(LuaHiddenAttribute), true)) return true;
        if (IsUnsafeType(declaring)) return true;  // a Type, MethodInfo or Assembly object exposes nothing at all
        // Overrides of System.Object's methods stay hidden too (Equals and GetHashCode serve __eq
        // and nothing else); ToString is the exception: a natural thing to call.
        if (member is MethodInfo { IsVirtual: true } virt && virt.Name != nameof(ToString) && virt.GetBaseDefinition().DeclaringType == typeof(object)) return true;
        return member switch
        {
            PropertyInfo p => IsUnsafeType(p.PropertyType),
            FieldInfo f => IsUnsafeType(f.FieldType),
            EventInfo e => e.EventHandlerType is null || IsUnsafeType(e.EventHandlerType),
            MethodBase m => !IsCallable(m),
            _ => true,
        };
    }

    private static bool IsCallable(MethodBase m)
    {
        if (m.IsGenericMethodDefinition || m.ContainsGenericParameters) return false;
        if (m is MethodInfo mi && (mi.ReturnType.IsByRef || IsUnsafeType(mi.ReturnType))) return false;
        return m.GetParameters().All(IsPlainParameter);
    }

    /// <summary>A parameter Lua can fill: passed by value, of a type a Lua value can stand for.</summary>
    public static bool IsPlainParameter(ParameterInfo p) => !p.ParameterType.IsByRef && !p.IsOut && !IsUnsafeType(p.ParameterType);

    /// <summary>Types never exposed: reflection (a way out of any sandbox), pointers, ref structs.</summary>
    private static bool IsUnsafeType(Type t)
    {
        if (t.IsPointer || t.IsByRefLike || t.IsFunctionPointer) return true;
        while (t.IsArray) t = t.GetElementType()!;
        return typeof(MemberInfo).IsAssignableFrom(t) || typeof(Assembly).IsAssignableFrom(t) || typeof(Module).IsAssignableFrom(t)
            || t.Namespace == "System.Reflection" || t.Namespace == "System.Reflection.Emit";
    }

    /// <summary>Whether the allow-list (null: everything) lets <paramref name="name"/> through.</summary>
    public static bool Allowed(IReadOnlyCollection<string>? allowList, string name) => allowList is null || allowList.Contains(name);
}
