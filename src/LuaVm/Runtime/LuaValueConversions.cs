using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace LuaVm.Runtime;

/// <summary>
/// Conversions between <see cref="LuaValue"/> and ordinary .NET values, for code that embeds
/// LuaVm. Strings cross as UTF-8 by default (a .NET string becomes its UTF-8 bytes, a Lua string
/// is decoded as UTF-8); <c>byte[]</c> crosses as the exact bytes. Numbers are doubles, as in
/// Lua 5.1. None of this is used by the VM itself: it is for the boundary with C# code.
/// </summary>
public static class LuaValueConversions
{
    /// <summary>
    /// Converts a .NET value to a Lua value: null → nil; <see cref="LuaValue"/> as it is; bool;
    /// any numeric type → number (a double); an enum → its number; string → its UTF-8 bytes;
    /// byte[] → those bytes; char → a one-character UTF-8 string; a <see cref="LuaObject"/> (table,
    /// function, string, userdata, thread) as it is; a delegate → a function calling it (arguments
    /// and result converted by its parameter types); an <see cref="IDictionary"/> → a new table with
    /// the converted keys and values; any other <see cref="IEnumerable"/> (a list, an array) → a new
    /// sequence 1..n; anything else → a <see cref="LuaUserdata"/> wrapping the object, without
    /// metatable. <see cref="LuaState.ToLuaValue(object?)"/> (and SetGlobal, CallGlobal, results of
    /// exposed members) also gives objects of exposed types their members.
    /// </summary>
    /// <exception cref="ArgumentException">A dictionary key converts to nil or NaN, which a table cannot hold.</exception>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Without a state only delegates are bound, by their Invoke signature; see LuaState.Register.")]
    public static LuaValue FromObject(object? value) => FromObject(value, null);

    /// <summary>
    /// The conversion for <paramref name="state"/> (null: none): registered types become userdata
    /// with their members before the collection rules apply (a registered list stays an object),
    /// other objects are exposed as the state's <see cref="LuaState.InteropMode"/> says.
    /// </summary>
    [RequiresUnreferencedCode("May bind an object's runtime type by reflection.")]
    internal static LuaValue FromObject(object? value, LuaState? state) => value switch
    {
        null => LuaValue.Nil,
        LuaValue v => v,
        bool b => LuaValue.FromBool(b),
        double d => d,
        int i => i,
        long l => l,
        float f => f,
        short s => s,
        byte b => b,
        sbyte sb => sb,
        ushort us => us,
        uint ui => ui,
        ulong ul => ul,
        decimal m => (double)m,
        Enum e => ((IConvertible)e).ToDouble(null),
        string s => LuaString.FromUtf8(s),
        char c => LuaString.FromUtf8(c.ToString()),
        byte[] bytes => new LuaString((byte[])bytes.Clone()),
        LuaObject o => new LuaValue(o),
        Delegate d => Interop.DelegateFunction.Create(d, null, state?.Globals ?? new LuaTable()),
        _ when state is not null && state.Interop.TryWrapRegistered(value, out var wrapped) => wrapped,
        IDictionary dictionary => FromDictionary(dictionary, state),
        IEnumerable sequence => FromSequence(sequence, state),
        _ when state is not null => state.Interop.WrapOther(value),
        _ => new LuaValue(new LuaUserdata(value)),
    };

    [RequiresUnreferencedCode("May bind an object's runtime type by reflection.")]
    private static LuaValue FromDictionary(IDictionary dictionary, LuaState? state)
    {
        var table = new LuaTable(0, dictionary.Count);
        foreach (DictionaryEntry entry in dictionary)
        {
            var key = FromObject(entry.Key, state);
            if (key.IsNil || (key.IsNumber && double.IsNaN(key.Num)))
                throw new ArgumentException($"a Lua table key cannot be {(key.IsNil ? "nil" : "NaN")}", nameof(dictionary));
            table.Set(key, FromObject(entry.Value, state));
        }
        return table;
    }

    [RequiresUnreferencedCode("May bind an object's runtime type by reflection.")]
    private static LuaValue FromSequence(IEnumerable sequence, LuaState? state)
    {
        var table = new LuaTable();
        long n = 0;
        foreach (var item in sequence) table.SetInt(++n, FromObject(item, state));
        return table;
    }

    /// <summary>
    /// Converts a Lua value to the natural .NET value: nil → null; boolean → bool; number →
    /// double; string → string (decoded as UTF-8); a table whose keys are exactly 1..n (n ≥ 1) →
    /// <c>List&lt;object?&gt;</c>, any other table → <c>Dictionary&lt;object, object?&gt;</c> (both
    /// converted deeply; a table met twice gives the same .NET object, so cycles are kept);
    /// userdata → the wrapped object; a function or thread → the <see cref="LuaFunction"/> or
    /// <see cref="LuaThread"/> itself. No metamethod is consulted.
    /// </summary>
    public static object? ToObject(this LuaValue value) => ToObject(value, null);

    private static object? ToObject(LuaValue value, Dictionary<LuaTable, object>? seen) => value.Obj switch
    {
        null => null,
        LuaString s => s.ToUtf8String(),
        LuaTable t => TableToObject(t, seen ?? new Dictionary<LuaTable, object>(ReferenceEqualityComparer.Instance)),
        LuaUserdata u => u.Value,
        LuaFunction or LuaThread => value.Obj,
        _ when value.IsNumber => value.Num,
        _ => value.IsTruthy,
    };

    private static object TableToObject(LuaTable t, Dictionary<LuaTable, object> seen)
    {
        if (seen.TryGetValue(t, out var done)) return done;
        if (IsSequence(t, out int n))
        {
            var list = new List<object?>(n);
            seen[t] = list;
            for (int i = 1; i <= n; i++) list.Add(ToObject(t.GetInt(i), seen));
            return list;
        }
        return ToDictionary(t, seen);
    }

    /// <summary>Every entry of the table, converted (<paramref name="seen"/> keeps cycles and shared tables as they are).</summary>
    private static Dictionary<object, object?> ToDictionary(LuaTable t, Dictionary<LuaTable, object> seen)
    {
        var dictionary = new Dictionary<object, object?>();
        seen[t] = dictionary;
        var key = LuaValue.Nil;
        while (t.Next(key, out var k, out var v))
        {
            dictionary[ToObject(k, seen)!] = ToObject(v, seen);
            key = k;
        }
        return dictionary;
    }

    /// <summary>True when the table's keys are exactly 1..n with n ≥ 1 (no holes, no other keys).</summary>
    private static bool IsSequence(LuaTable t, out int n)
    {
        n = 0;
        int count = 0;
        var key = LuaValue.Nil;
        while (t.Next(key, out var k, out _))
        {
            if (!k.IsNumber || k.Num != Math.Floor(k.Num) || k.Num < 1 || k.Num > int.MaxValue) return false;
            count++;
            n = Math.Max(n, (int)k.Num);
            key = k;
        }
        return count > 0 && count == n;
    }

    /// <summary>The table converted to a list (see <see cref="ToObject(LuaValue)"/>); null when it is not a sequence or not a table.</summary>
    public static List<object?>? ToList(this LuaValue value) => value.Obj is LuaTable t && IsSequence(t, out _) ? (List<object?>)ToObject(value)! : null;

    /// <summary>
    /// The table converted to a dictionary, whatever its keys (a sequence too: keys are then the
    /// doubles 1..n); null when the value is not a table.
    /// </summary>
    public static Dictionary<object, object?>? ToDictionary(this LuaValue value)
    {
        if (value.Obj is not LuaTable t) return null;
        return ToDictionary(t, new Dictionary<LuaTable, object>(ReferenceEqualityComparer.Instance));
    }

    /// <summary>The number (or a string convertible to one, as arithmetic converts it).</summary>
    /// <exception cref="InvalidCastException">The value is not a number.</exception>
    public static double ToDouble(this LuaValue value) =>
        value.TryToNumber(out double d) ? d : throw new InvalidCastException($"number expected, got {value.TypeName()}");

    /// <summary>The number truncated toward zero, as lua_tointeger does.</summary>
    /// <exception cref="InvalidCastException">The value is not a number.</exception>
    public static long ToInt64(this LuaValue value) => CallContext.ToInteger(value.ToDouble());

    /// <summary>The number truncated toward zero to an int.</summary>
    /// <exception cref="InvalidCastException">The value is not a number.</exception>
    /// <exception cref="OverflowException">The number is outside int's range.</exception>
    public static int ToInt32(this LuaValue value) => checked((int)value.ToInt64());

    /// <summary>Lua truth: false only for nil and false.</summary>
    public static bool ToBoolean(this LuaValue value) => value.IsTruthy;

    /// <summary>The string (or a number formatted as Lua formats it) decoded as UTF-8; null for other types.</summary>
    public static string? ToUtf8String(this LuaValue value) => value.ToLuaStringCoerced()?.ToUtf8String();

    /// <summary>A copy of the string's bytes (or of a number's Lua formatting); null for other types.</summary>
    public static byte[]? ToBytes(this LuaValue value) => value.ToLuaStringCoerced() is { } s ? (byte[])s.Bytes.Clone() : null;

    /// <summary>A Lua string holding the UTF-8 encoding of <paramref name="text"/>.</summary>
    public static LuaValue FromUtf8(string text) => LuaString.FromUtf8(text);

    /// <summary>A Lua string holding exactly <paramref name="bytes"/> (copied).</summary>
    public static LuaValue FromBytes(ReadOnlySpan<byte> bytes) => LuaString.FromBytes(bytes);
}
