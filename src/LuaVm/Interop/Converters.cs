using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using LuaVm.Runtime;

namespace LuaVm.Interop;

/// <summary>
/// The converter of each .NET type, made once per type and shared by every state (converters
/// hold no state). The common types have typed converters built here by name, so that a Native
/// AOT build has them without generating code.
/// </summary>
internal static class Converters
{
    private static readonly ConcurrentDictionary<Type, ClrConverter> Cache = new(Builtin());

    public static readonly ObjectConverter Object = (ObjectConverter)Cache[typeof(object)];

    private static Dictionary<Type, ClrConverter> Builtin()
    {
        var all = new ClrConverter[]
        {
            new DoubleConverter(),
            new Int32Converter(),
            new BooleanConverter(),
            new StringConverter(),
            new ObjectConverter(),
            new LuaValueConverter(),
            new CharConverter(),
            new BytesConverter(),
            new LuaStringConverter(),
            new FloatConverter<float>(ClrConverter.Poor + 2, d => (float)d, f => f),
            new FloatConverter<decimal>(ClrConverter.Poor + 1, d => (decimal)d, m => (double)m),
            new IntegerConverter<long>("long", ClrConverter.Good, -9223372036854775808.0, 9223372036854775808.0, d => (long)d, l => l),
            new IntegerConverter<short>("short", ClrConverter.Good - 1, short.MinValue, short.MaxValue + 1.0, d => (short)d, s => s),
            new IntegerConverter<sbyte>("sbyte", ClrConverter.Good - 1, sbyte.MinValue, sbyte.MaxValue + 1.0, d => (sbyte)d, s => s),
            new IntegerConverter<byte>("byte", ClrConverter.Good - 1, 0, 256, d => (byte)d, b => b),
            new IntegerConverter<ushort>("ushort", ClrConverter.Good - 1, 0, 65536, d => (ushort)d, u => u),
            new IntegerConverter<uint>("uint", ClrConverter.Good - 1, 0, 4294967296.0, d => (uint)d, u => u),
            new IntegerConverter<ulong>("ulong", ClrConverter.Good - 1, 0, 18446744073709551616.0, d => (ulong)d, u => u),
            new IntegerConverter<nint>("nint", ClrConverter.Good - 1, -9223372036854775808.0, 9223372036854775808.0, d => (nint)d, n => n),
            new LuaObjectConverter<LuaTable>("table"),
            new LuaObjectConverter<LuaFunction>("function"),
            new LuaObjectConverter<LuaUserdata>("userdata"),
            new LuaObjectConverter<LuaThread>("thread"),
            new LuaObjectConverter<LuaObject>("value"),
        };
        return all.ToDictionary(c => c.Type);
    }

    /// <summary>The converter of <paramref name="type"/>, made on first use.</summary>
    [RequiresUnreferencedCode("Converts to and from types found by reflection (records, collections, delegates).")]
    public static ClrConverter For(Type type) => Cache.TryGetValue(type, out var c) ? c : Cache.GetOrAdd(type, Create(type));

    [RequiresUnreferencedCode("Converts to and from types found by reflection (records, collections, delegates).")]
    private static ClrConverter Create(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner) return new NullableConverter(type, For(inner));
        if (type.IsEnum) return new EnumConverter(type);
        if (typeof(Delegate).IsAssignableFrom(type)) return new DelegateConverter(type);
        if (CollectionConverter.TryCreate(type) is { } collection) return collection;
        return new ClrObjectConverter(type);
    }

    /// <summary>A readable name for a .NET type in messages: "Point", "List&lt;int&gt;".</summary>
    public static string NameOf(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner) return NameOf(inner) + "?";
        if (type.IsArray) return NameOf(type.GetElementType()!) + "[]";
        if (!type.IsGenericType) return type.Name;
        string name = type.Name;
        int tick = name.IndexOf('`');
        if (tick >= 0) name = name[..tick];
        return name + "<" + string.Join(", ", type.GetGenericArguments().Select(NameOf)) + ">";
    }
}

/// <summary>Nullable&lt;T&gt;: nil is null, anything else converts as T.</summary>
internal sealed class NullableConverter(Type type, ClrConverter inner) : ClrConverter
{
    public override Type Type => type;
    public override string Expected => inner.Expected;

    public override int Score(in LuaValue v) => v.IsNil ? Good : inner.Score(v);

    public override bool TryFromLuaBoxed(LuaState state, in LuaValue v, out object? value, out string? problem)
    {
        if (v.IsNil)
        {
            value = null;
            problem = null;
            return true;
        }
        return inner.TryFromLuaBoxed(state, v, out value, out problem);
    }

    public override LuaValue ToLuaBoxed(LuaState state, object? value) => value is null ? LuaValue.Nil : inner.ToLuaBoxed(state, value);
}

/// <summary>
/// An enum: from Lua, a number equal to one of its values' underlying integers (or any integral
/// value in range for a [Flags] enum) or the name of a member; to Lua, its number. The type
/// table (<c>Color.Red</c>) holds the same numbers, so values round-trip.
/// </summary>
internal sealed class EnumConverter(Type type) : ClrConverter
{
    private readonly bool _flags = type.IsDefined(typeof(FlagsAttribute), false);
    public override Type Type => type;
    public override string Expected => type.Name;

    public override int Score(in LuaValue v) => v.IsNumber || v.IsString ? Poor : 0;

    public override bool TryFromLuaBoxed(LuaState state, in LuaValue v, out object? value, out string? problem)
    {
        problem = null;
        value = null;
        if (v.IsNumber)
        {
            double d = v.Num;
            if (d != Math.Floor(d) || d < -9.2233720368547758e18 || d >= 1.8446744073709552e19)
            {
                problem = "number has no integer representation";
                return false;
            }
            value = d < 0 ? Enum.ToObject(type, (long)d) : Enum.ToObject(type, (ulong)d);
            if (_flags || Enum.IsDefined(type, value)) return true;
            problem = $"{NumberFormat.Format(d)} is not a value of {type.Name}";
            value = null;
            return false;
        }
        if (v.AsString is { } s)
        {
            string name = s.ToUtf8String();
            if (Enum.GetNames(type).Contains(name))
            {
                value = Enum.Parse(type, name);
                return true;
            }
            problem = $"'{name}' is not a member of {type.Name}";
        }
        return false;
    }

    public override LuaValue ToLuaBoxed(LuaState state, object? value) =>
        value is null ? LuaValue.Nil : ((IConvertible)value).ToDouble(null);
}

/// <summary>A delegate type: a Lua function becomes a delegate that calls it (see <see cref="LuaCallback"/>).</summary>
[method: RequiresUnreferencedCode("Builds a delegate calling Lua from the delegate type's Invoke method.")]
internal sealed class DelegateConverter(Type type) : ClrConverter
{
    public override Type Type => type;
    public override string Expected => "function";

    public override int Score(in LuaValue v) => v.IsFunction ? Exact : v.Obj is LuaUserdata { Value: var o } && type.IsInstanceOfType(o) ? Exact : 0;

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The converter's constructor carries the requirement.")]
    public override bool TryFromLuaBoxed(LuaState state, in LuaValue v, out object? value, out string? problem)
    {
        problem = null;
        value = v.Obj switch
        {
            LuaFunction f => LuaCallback.CreateDelegate(state, f, type),
            LuaUserdata { Value: var o } when type.IsInstanceOfType(o) => o,
            _ => null,
        };
        return value is not null;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Objects reach a state through public APIs that carry the requirement.")]
    public override LuaValue ToLuaBoxed(LuaState state, object? value) => LuaValueConversions.FromObject(value, state);
}

/// <summary>
/// Any other .NET type: a userdata wrapping an instance of it (the way registered types reach
/// Lua), or, when the type can be built from a table (<see cref="RecordConverter"/>), a table.
/// </summary>
internal sealed class ClrObjectConverter(Type type) : ClrConverter
{
    private RecordConverter? _record;
    private bool _recordLooked;

    public override Type Type => type;
    public override string Expected { get; } = Converters.NameOf(type);

    public override int Score(in LuaValue v) => v.Obj switch
    {
        LuaUserdata { Value: var o } when o is not null && o.GetType() == type => Exact,
        LuaUserdata { Value: var o } when type.IsInstanceOfType(o) => Good,
        LuaTable when Record is not null => Poor,
        _ => 0,
    };

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The type reached this converter through an annotated registration or a member signature.")]
    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = "As above.")]
    private RecordConverter? Record
    {
        get
        {
            if (!_recordLooked)
            {
                _record = RecordConverter.TryCreate(type);
                _recordLooked = true;
            }
            return _record;
        }
    }

    public override bool TryFromLuaBoxed(LuaState state, in LuaValue v, out object? value, out string? problem)
    {
        problem = null;
        if (v.Obj is LuaUserdata { Value: var o } && type.IsInstanceOfType(o))
        {
            value = o;
            return true;
        }
        if (v.Obj is LuaTable t && Record is { } record) return record.TryConvert(state, t, out value, out problem);
        value = null;
        return false;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Objects reach a state through public APIs that carry the requirement.")]
    public override LuaValue ToLuaBoxed(LuaState state, object? value) => LuaValueConversions.FromObject(value, state);
}
