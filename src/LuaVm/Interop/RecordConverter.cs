using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Reflection;
using LuaVm.Runtime;

namespace LuaVm.Interop;

/// <summary>
/// Builds an object of a record or class type from a Lua table's string-keyed fields: through
/// the public constructor whose parameters the fields name (records' primary constructors), or
/// a parameterless one, then the remaining fields set settable properties and fields. Names
/// match exactly or ignoring case (<c>{x = 1}</c> fills <c>X</c>). A field the type has no place
/// for, a missing constructor argument without default, or a value of the wrong type is a
/// clear error naming the field. Constructor and setters are compiled once per type.
/// </summary>
internal sealed class RecordConverter
{
    private sealed record Slot(string Name, ClrConverter Converter, Action<object, object?> Set);

    private readonly Type _type;
    private readonly ParameterInfo[] _parameters;
    private readonly ClrConverter[] _parameterConverters;
    private readonly Func<object?[], object> _construct;
    private readonly Dictionary<string, Slot> _slots;

    private RecordConverter([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] Type type, ConstructorInfo? constructor, Dictionary<string, Slot> slots)
    {
        _type = type;
        _parameters = constructor?.GetParameters() ?? [];
        _parameterConverters = _parameters.Select(p => ConverterFor(p.ParameterType)).ToArray();
        _construct = CompileConstructor(type, constructor, _parameters);
        _slots = slots;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Member types of a type the embedder annotated.")]
    private static ClrConverter ConverterFor(Type t) => Converters.For(t);

    /// <summary>A converter when the type can be built from a table; null for abstract types, interfaces and types without a usable constructor.</summary>
    public static RecordConverter? TryCreate(
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicFields)] Type type)
    {
        if (type.IsAbstract || type.IsInterface || type.IsPrimitive || type.ContainsGenericParameters || typeof(LuaObject).IsAssignableFrom(type)) return null;
        var slots = new Dictionary<string, Slot>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            if (p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0 && !Members.IsHidden(p))
                slots.TryAdd(p.Name, new Slot(p.Name, ConverterFor(p.PropertyType), Accessors.InstanceSetter(type, p)));
        foreach (var f in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
            if (!f.IsInitOnly && !Members.IsHidden(f))
                slots.TryAdd(f.Name, new Slot(f.Name, ConverterFor(f.FieldType), Accessors.InstanceSetter(type, f)));
        var constructors = type.GetConstructors().Where(c => !Members.IsHidden(c) && c.GetParameters().All(Members.IsPlainParameter)).ToArray();
        // Records: the constructor with the most parameters is the primary one; a class with
        // only a parameterless constructor is filled through its setters.
        var best = constructors.OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        if (best is null && !type.IsValueType) return null;
        if ((best is null || best.GetParameters().Length == 0) && slots.Count == 0) return null;
        return new RecordConverter(type, best, slots);
    }

    private static Func<object?[], object> CompileConstructor(
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] Type type, ConstructorInfo? constructor, ParameterInfo[] parameters)
    {
        var args = Expression.Parameter(typeof(object?[]), "args");
        Expression create = constructor is null
            ? Expression.New(type)
            : Expression.New(constructor, parameters.Select((p, i) =>
                Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType)));
        return Compile.Lambda(Expression.Lambda<Func<object?[], object>>(Expression.Convert(create, typeof(object)), args));
    }

    public bool TryConvert(LuaState state, LuaTable t, out object? value, out string? problem)
    {
        value = null;
        string typeName = Converters.NameOf(_type);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var args = new object?[_parameters.Length];
        for (int i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i];
            var (field, name) = Field(t, p.Name!);
            if (field.IsNil)
            {
                if (p.HasDefaultValue)
                {
                    args[i] = p.DefaultValue;
                    continue;
                }
                if (p.ParameterType.IsValueType && Nullable.GetUnderlyingType(p.ParameterType) is null)
                {
                    problem = $"{typeName} expected, got table without field '{p.Name}'";
                    return false;
                }
            }
            if (name is not null) used.Add(name);
            if (!CollectionConverter.ConvertPart(state, field, _parameterConverters[i], out args[i], out problem))
            {
                problem = $"bad field '{p.Name}' for {typeName} ({problem ?? _parameterConverters[i].Mismatch(field)})";
                return false;
            }
        }
        object result;
        try
        {
            result = _construct(args);
        }
        catch (Exception e) when (InteropErrors.IsClrFailure(e))
        {
            problem = $"cannot make {typeName}: {InteropErrors.MessageOf(e)}";
            return false;
        }
        var key = LuaValue.Nil;
        while (t.Next(key, out var k, out var v))
        {
            key = k;
            if (k.AsString is not { } ks) continue;  // array items and other keys: not fields
            string name = ks.ToUtf8String();
            if (used.Contains(name)) continue;
            if (!_slots.TryGetValue(name, out var slot))
            {
                if (IsConstructorParameter(name)) continue;
                problem = $"{typeName} has no field '{name}'";
                return false;
            }
            if (!CollectionConverter.ConvertPart(state, v, slot.Converter, out var converted, out problem))
            {
                problem = $"bad field '{name}' for {typeName} ({problem ?? slot.Converter.Mismatch(v)})";
                return false;
            }
            slot.Set(result, converted);
        }
        value = result;
        problem = null;
        return true;
    }

    private bool IsConstructorParameter(string name) =>
        _parameters.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The table field for a parameter: its exact name, else the first string key equal ignoring case.</summary>
    private static (LuaValue Value, string? Key) Field(LuaTable t, string name)
    {
        var exact = t.Get(LuaString.FromUtf8(name));
        if (!exact.IsNil) return (exact, name);
        var key = LuaValue.Nil;
        while (t.Next(key, out var k, out var v))
        {
            key = k;
            if (k.AsString is { } ks && string.Equals(ks.ToUtf8String(), name, StringComparison.OrdinalIgnoreCase)) return (v, ks.ToUtf8String());
        }
        return (LuaValue.Nil, null);
    }
}
