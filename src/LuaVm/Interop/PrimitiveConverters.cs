using System.Diagnostics.CodeAnalysis;
using LuaVm.Runtime;

namespace LuaVm.Interop;

// The converters of the types with a natural Lua form: numbers, booleans, strings, bytes, and
// LuaVm's own value types. Numbers accept numeric strings as luaL_checknumber does; integer
// types take only integral numbers inside their range (see docs/embedding.md for the rule).

/// <summary>double, float and decimal: any number (or numeric string).</summary>
internal sealed class FloatConverter<T>(int rank, Func<double, T> fromDouble, Func<T, double> toDouble) : ClrConverter<T>
{
    public override string Expected => "number";

    public override int Score(in LuaValue v) => v.IsNumber ? rank : v.TryToNumber(out _) ? Loose : 0;

    public override bool TryFromLua(LuaState state, in LuaValue v, [MaybeNullWhen(false)] out T value, out string? problem)
    {
        problem = null;
        if (v.TryToNumber(out double d))
        {
            value = fromDouble(d);
            return true;
        }
        value = default;
        return false;
    }

    public override LuaValue ToLua(LuaState state, T value) => toDouble(value);
}

/// <summary>double itself, the hottest case: no delegate in the way.</summary>
internal sealed class DoubleConverter : ClrConverter<double>
{
    public override string Expected => "number";

    public override int Score(in LuaValue v) => v.IsNumber ? Exact : v.TryToNumber(out _) ? Loose : 0;

    public override bool TryFromLua(LuaState state, in LuaValue v, out double value, out string? problem)
    {
        problem = null;
        if (v.IsNumber)
        {
            value = v.Num;
            return true;
        }
        return v.TryToNumber(out value);
    }

    public override LuaValue ToLua(LuaState state, double value) => value;
}

/// <summary>
/// An integer type: the number must be integral and inside [min, maxExclusive) (both exact
/// doubles), otherwise "number has no integer representation" or "number out of range for T".
/// </summary>
internal sealed class IntegerConverter<T>(string name, int rank, double min, double maxExclusive, Func<double, T> fromDouble, Func<T, double> toDouble)
    : ClrConverter<T>
{
    public override string Expected => "number";

    public override int Score(in LuaValue v)
    {
        if (!v.TryToNumber(out double d)) return 0;
        if (d != Math.Floor(d) || d < min || d >= maxExclusive) return 0;
        return v.IsNumber ? rank : Loose;
    }

    public override bool TryFromLua(LuaState state, in LuaValue v, [MaybeNullWhen(false)] out T value, out string? problem)
    {
        double d;
        if (v.IsNumber) d = v.Num;
        else if (!v.TryToNumber(out d))
        {
            value = default;
            problem = null;
            return false;
        }
        if (d >= min && d < maxExclusive && d == Math.Floor(d))
        {
            value = fromDouble(d);
            problem = null;
            return true;
        }
        value = default;
        problem = d != Math.Floor(d) ? "number has no integer representation" : $"number out of range for {name}";
        return false;
    }

    public override LuaValue ToLua(LuaState state, T value) => toDouble(value);
}

/// <summary>int, the most common integer parameter: the same rule without a delegate.</summary>
internal sealed class Int32Converter : ClrConverter<int>
{
    public override string Expected => "number";

    public override int Score(in LuaValue v)
    {
        if (!v.TryToNumber(out double d) || d != Math.Floor(d) || d < int.MinValue || d > int.MaxValue) return 0;
        return v.IsNumber ? Exact - 1 : Loose;
    }

    public override bool TryFromLua(LuaState state, in LuaValue v, out int value, out string? problem)
    {
        double d;
        if (v.IsNumber) d = v.Num;
        else if (!v.TryToNumber(out d))
        {
            value = 0;
            problem = null;
            return false;
        }
        value = (int)d;
        if (value == d)
        {
            problem = null;
            return true;
        }
        problem = d != Math.Floor(d) ? "number has no integer representation" : "number out of range for int";
        return false;
    }

    public override LuaValue ToLua(LuaState state, int value) => value;
}

/// <summary>bool: a Lua boolean only (nil is not false here: a typed parameter wants the value).</summary>
internal sealed class BooleanConverter : ClrConverter<bool>
{
    public override string Expected => "boolean";

    public override int Score(in LuaValue v) => v.IsBoolean ? Exact : 0;

    public override bool TryFromLua(LuaState state, in LuaValue v, out bool value, out string? problem)
    {
        problem = null;
        value = v.IsTruthy;
        return v.IsBoolean;
    }

    public override LuaValue ToLua(LuaState state, bool value) => LuaValue.FromBool(value);
}

/// <summary>string: a Lua string decoded as UTF-8, or a number formatted as Lua does (luaL_checkstring).</summary>
internal sealed class StringConverter : ClrConverter<string>
{
    public override string Expected => "string";

    public override int Score(in LuaValue v) => v.IsString ? Exact : v.IsNumber ? Loose : 0;

    public override bool TryFromLua(LuaState state, in LuaValue v, [MaybeNullWhen(false)] out string value, out string? problem)
    {
        problem = null;
        value = v.ToLuaStringCoerced()?.ToUtf8String();
        return value is not null;
    }

    public override LuaValue ToLua(LuaState state, string value) => value is null ? LuaValue.Nil : LuaString.FromUtf8(value);
}

/// <summary>char: a string of exactly one UTF-16 character once decoded.</summary>
internal sealed class CharConverter : ClrConverter<char>
{
    public override string Expected => "string";

    public override int Score(in LuaValue v) => v.AsString is { Length: >= 1 and <= 4 } ? Poor : 0;

    public override bool TryFromLua(LuaState state, in LuaValue v, out char value, out string? problem)
    {
        problem = null;
        value = '\0';
        if (v.AsString is not { } s) return false;
        string text = s.ToUtf8String();
        if (text.Length == 1)
        {
            value = text[0];
            return true;
        }
        problem = "string of one character expected";
        return false;
    }

    public override LuaValue ToLua(LuaState state, char value) => LuaString.FromUtf8(value.ToString());
}

/// <summary>byte[]: a copy of a Lua string's exact bytes.</summary>
internal sealed class BytesConverter : ClrConverter<byte[]>
{
    public override string Expected => "string";

    public override int Score(in LuaValue v) => v.IsString ? Good : v.IsNumber ? Loose : 0;

    public override bool TryFromLua(LuaState state, in LuaValue v, [MaybeNullWhen(false)] out byte[] value, out string? problem)
    {
        problem = null;
        value = v.ToLuaStringCoerced() is { } s ? (byte[])s.Bytes.Clone() : null;
        return value is not null;
    }

    public override LuaValue ToLua(LuaState state, byte[] value) => value is null ? LuaValue.Nil : new LuaString((byte[])value.Clone());
}

/// <summary>LuaString: the string itself, or a number's Lua formatting.</summary>
internal sealed class LuaStringConverter : ClrConverter<LuaString>
{
    public override string Expected => "string";

    public override int Score(in LuaValue v) => v.IsString ? Exact - 1 : v.IsNumber ? Loose : 0;

    public override bool TryFromLua(LuaState state, in LuaValue v, [MaybeNullWhen(false)] out LuaString value, out string? problem)
    {
        problem = null;
        value = v.ToLuaStringCoerced();
        return value is not null;
    }

    public override LuaValue ToLua(LuaState state, LuaString value) => value;
}

/// <summary>LuaValue: any value, as it is.</summary>
internal sealed class LuaValueConverter : ClrConverter<LuaValue>
{
    public override string Expected => "value";

    public override int Score(in LuaValue v) => Any;

    public override bool TryFromLua(LuaState state, in LuaValue v, out LuaValue value, out string? problem)
    {
        problem = null;
        value = v;
        return true;
    }

    public override LuaValue ToLua(LuaState state, LuaValue value) => value;
}

/// <summary>LuaTable, LuaFunction, LuaUserdata, LuaThread, LuaObject: a value of that Lua type, as it is.</summary>
internal sealed class LuaObjectConverter<T>(string expected) : ClrConverter<T> where T : LuaObject
{
    public override string Expected => expected;

    public override int Score(in LuaValue v) => v.Obj is T ? (typeof(T) == typeof(LuaObject) ? Poor : Exact) : 0;

    public override bool TryFromLua(LuaState state, in LuaValue v, [MaybeNullWhen(false)] out T value, out string? problem)
    {
        problem = null;
        value = v.Obj as T;
        return value is not null;
    }

    public override LuaValue ToLua(LuaState state, T value) => new(value);
}

/// <summary>
/// object: any value in its natural .NET form (<see cref="LuaValueConversions.ToObject(LuaValue)"/>:
/// numbers as double, strings as string, tables as lists or dictionaries, userdata as the
/// wrapped object). Results typed object convert by their runtime type.
/// </summary>
internal sealed class ObjectConverter : ClrConverter<object>
{
    public override string Expected => "value";

    public override int Score(in LuaValue v) => Any;

    public override bool TryFromLua(LuaState state, in LuaValue v, [MaybeNullWhen(false)] out object value, out string? problem)
    {
        problem = null;
        value = v.ToObject()!;
        return true;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Objects reach a state through public APIs that carry the requirement.")]
    public override LuaValue ToLua(LuaState state, object value) => LuaValueConversions.FromObject(value, state);
}
