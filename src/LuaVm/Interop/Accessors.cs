using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Reflection;
using LuaVm.Runtime;

namespace LuaVm.Interop;

/// <summary>
/// The compiled getters, setters and event accessors of exposed members (instance and static),
/// made once per member. Instance accessors take the object as the userdata holds it (boxed
/// for a struct).
/// </summary>
internal static class Accessors
{
    /// <summary>Reads a property or field of an instance and converts it to Lua by its static type.</summary>
    public static Func<object, LuaState, LuaValue> InstanceGetter(Type type, MemberInfo member)
    {
        var target = Expression.Parameter(typeof(object), "target");
        var state = Expression.Parameter(typeof(LuaState), "state");
        Expression typed = type.IsValueType ? Expression.Unbox(target, type) : Expression.Convert(target, type);
        Expression value = member is PropertyInfo p ? Expression.Property(typed, p) : Expression.Field(typed, (FieldInfo)member);
        return Compile.Lambda(Expression.Lambda<Func<object, LuaState, LuaValue>>(ToLua(state, value), target, state));
    }

    /// <summary>Sets a property or field of an instance to an already converted value.</summary>
    public static Action<object, object?> InstanceSetter(Type type, MemberInfo member)
    {
        // A struct lives boxed in its userdata: reflection sets the boxed copy in place, which a
        // compiled assignment to an unboxed copy would not.
        if (type.IsValueType)
            return member is PropertyInfo p ? p.SetValue : ((FieldInfo)member).SetValue;
        var target = Expression.Parameter(typeof(object), "target");
        var value = Expression.Parameter(typeof(object), "value");
        var typed = Expression.Convert(target, type);
        Expression access = member is PropertyInfo property ? Expression.Property(typed, property) : Expression.Field(typed, (FieldInfo)member);
        return Compile.Lambda(Expression.Lambda<Action<object, object?>>(Expression.Assign(access, Expression.Convert(value, access.Type)), target, value));
    }

    /// <summary>Reads a static property or field and converts it to Lua.</summary>
    public static Func<LuaState, LuaValue> StaticGetter(MemberInfo member)
    {
        var state = Expression.Parameter(typeof(LuaState), "state");
        Expression value = member is PropertyInfo p ? Expression.Property(null, p) : Expression.Field(null, (FieldInfo)member);
        return Compile.Lambda(Expression.Lambda<Func<LuaState, LuaValue>>(ToLua(state, value), state));
    }

    /// <summary>Sets a static property or field to an already converted value.</summary>
    public static Action<object?> StaticSetter(MemberInfo member)
    {
        var value = Expression.Parameter(typeof(object), "value");
        Expression access = member is PropertyInfo p ? Expression.Property(null, p) : Expression.Field(null, (FieldInfo)member);
        return Compile.Lambda(Expression.Lambda<Action<object?>>(Expression.Assign(access, Expression.Convert(value, access.Type)), value));
    }

    /// <summary>An event's add or remove accessor, taking the handler as a Delegate.</summary>
    public static Action<object, Delegate> EventAccessor(Type type, MethodInfo accessor, Type handlerType)
    {
        var target = Expression.Parameter(typeof(object), "target");
        var handler = Expression.Parameter(typeof(Delegate), "handler");
        Expression typed = type.IsValueType ? Expression.Unbox(target, type) : Expression.Convert(target, type);
        var body = Expression.Call(typed, accessor, Expression.Convert(handler, handlerType));
        return Compile.Lambda(Expression.Lambda<Action<object, Delegate>>(body, target, handler));
    }

    /// <summary>A value converted by its static type's converter (typed when the converter has a typed form).</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The member's type, bound with the member.")]
    public static Expression ToLua(Expression state, Expression value)
    {
        var converter = Converters.For(value.Type);
        var typed = converter.TypedToLua;
        return typed is not null && typed.GetParameters()[1].ParameterType == value.Type
            ? Expression.Call(Expression.Constant(converter), typed, state, value)
            : Expression.Call(Expression.Constant(converter, typeof(ClrConverter)), typeof(ClrConverter).GetMethod(nameof(ClrConverter.ToLuaBoxed))!,
                state, Expression.Convert(value, typeof(object)));
    }

    /// <summary>A key in a message: 'name' for a string, [value] otherwise.</summary>
    public static string Describe(in LuaValue key) => key.IsString ? $"'{key.ToUtf8String()}'" : $"[{key}]";
}
