using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Reflection;
using LuaVm.Runtime;

namespace LuaVm.Interop;

/// <summary>
/// The Lua table that stands for a registered type itself: its constructors as <c>T.new(...)</c>
/// and as a call of the table, <c>T(...)</c>; its public static methods as functions
/// (<c>Point.Parse("1,2")</c>); its static properties and fields read and written through the
/// table's metatable (<c>Point.Origin</c>); for an enum, one field per member holding its number.
/// Reading a name the type does not have is an error naming both.
/// </summary>
internal static class TypeTable
{
    [RequiresUnreferencedCode("Binds the type's public static members by reflection.")]
    public static LuaTable Create(InteropRegistry registry, [DynamicallyAccessedMembers(InteropRegistry.Exposed)] Type type, IReadOnlyCollection<string>? allowed)
    {
        var env = registry.State.Globals;
        string typeName = Converters.NameOf(type);
        var table = new LuaTable();
        if (type.IsEnum)
        {
            foreach (var f in type.GetFields(BindingFlags.Public | BindingFlags.Static))
                if (TypeBinding.Visible(f, allowed)) table.Set(LuaString.FromUtf8(f.Name), ((IConvertible)f.GetValue(null)!).ToDouble(null));
            return table;
        }
        foreach (var group in type.GetMethods(BindingFlags.Public | BindingFlags.Static)
                     .Where(m => !m.IsSpecialName && TypeBinding.Visible(m, allowed)).GroupBy(m => m.Name))
        {
            var set = new OverloadSet(group.Select(m => Overload.ForMember(type, m, $"{typeName}.{m.Name}")).ToArray(), $"{typeName}.{group.Key}");
            table.Set(LuaString.FromUtf8(group.Key), new NativeFunction(group.Key, set.Invoke, env));
        }
        var metatable = new LuaTable();
        if (!type.IsAbstract && Members.Allowed(allowed, "new"))
        {
            var constructors = type.GetConstructors().Where(c => !Members.IsHidden(c)).Select(c => Overload.ForMember(type, c, $"{typeName}.new")).ToArray();
            if (constructors.Length > 0)
            {
                var create = new OverloadSet(constructors, $"{typeName}.new").Invoke;
                table.Set("new", new NativeFunction("new", create, env));
                // T(...): the same constructors, with the table itself (argument 1) left out
                metatable.Set("__call", new NativeFunction(typeName, call => create(new CallContext(call.Thread, call.Base + 1, Math.Max(0, call.ArgCount - 1), call.Function)), env));
            }
        }
        var getters = new Dictionary<LuaString, Func<LuaState, LuaValue>>();
        var setters = new Dictionary<LuaString, (Action<object?> Set, ClrConverter Converter)>();
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Static))
        {
            if (!TypeBinding.Visible(p, allowed) || p.GetIndexParameters().Length > 0) continue;
            var key = LuaString.FromUtf8(p.Name);
            if (p.GetMethod is { IsPublic: true }) getters[key] = Accessors.StaticGetter(p);
            if (p.SetMethod is { IsPublic: true }) setters[key] = (Accessors.StaticSetter(p), Converters.For(p.PropertyType));
        }
        foreach (var f in type.GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (!TypeBinding.Visible(f, allowed)) continue;
            var key = LuaString.FromUtf8(f.Name);
            getters[key] = f.IsLiteral ? Constant(f) : Accessors.StaticGetter(f);
            if (!f.IsInitOnly && !f.IsLiteral) setters[key] = (Accessors.StaticSetter(f), Converters.For(f.FieldType));
        }
        metatable.Set("__index", new NativeFunction("__index", call =>
        {
            var key = call[2];
            if (key.Obj is LuaString s && getters.TryGetValue(s, out var get))
            {
                try
                {
                    return call.Return(get(call.State));
                }
                catch (Exception e) when (InteropErrors.IsClrFailure(e))
                {
                    throw InteropErrors.FromClr(call, e, $"{typeName}.{s.ToUtf8String()}");
                }
            }
            throw call.Error($"{typeName} has no static member {Accessors.Describe(key)}");
        }, env));
        metatable.Set("__newindex", new NativeFunction("__newindex", call =>
        {
            var key = call[2];
            if (key.Obj is not LuaString s || !setters.TryGetValue(s, out var set))
                throw call.Error(key.Obj is LuaString ks && getters.ContainsKey(ks) ? $"{typeName}.{ks.ToUtf8String()} is read-only" : $"{typeName} has no static member {Accessors.Describe(key)}");
            string name = s.ToUtf8String();
            var value = call[3];
            if (!CollectionConverter.ConvertPart(call.State, value, set.Converter, out var converted, out var problem))
                throw call.Error($"bad value for {typeName}.{name} ({problem ?? set.Converter.Mismatch(value)})");
            try
            {
                set.Set(converted);
            }
            catch (Exception e) when (InteropErrors.IsClrFailure(e))
            {
                throw InteropErrors.FromClr(call, e, $"{typeName}.{name}");
            }
            return 0;
        }, env));
        table.Metatable = metatable;
        return table;
    }

    /// <summary>A const field: its value converted once, per state.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The field's type, bound with the field.")]
    private static Func<LuaState, LuaValue> Constant(FieldInfo f)
    {
        var converter = Converters.For(f.FieldType);
        object? value = f.GetRawConstantValue();
        if (f.FieldType.IsEnum && value is not null) value = Enum.ToObject(f.FieldType, value);
        return state => converter.ToLuaBoxed(state, value);
    }
}
