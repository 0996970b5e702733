// lua-cjson 2.1 (Debian's lua-cjson 2.1.0), written in C# for Kraken.
// Documentation: "Lua CJSON 2.1devel Manual", Mark Pulford (manual.txt in the 2.1.0 release,
// manual.adoc today, at https://github.com/mpx/lua-cjson; https://kyne.au/~mark/software/lua-cjson.php).
// Behaviour and messages follow lua5.1 with Debian's lua-cjson 2.1.0; docs/compatibility.md
// lists the differences.
using LuaVm;
using LuaVm.Runtime;

namespace LuaModules.Cjson;

/// <summary>
/// The modules <c>cjson</c> and <c>cjson.safe</c>: encode, decode, the configuration functions,
/// new, null, _NAME and _VERSION. Every module table (and each new()) has its own
/// <see cref="CjsonConfig"/>, captured by its functions as lua-cjson keeps it in an upvalue.
/// In cjson.safe, encode and decode return nil and the message instead of raising errors.
/// </summary>
internal static class CjsonModule
{
    /// <summary>Debian builds lua-cjson with CJSON_VERSION "2.1.0".</summary>
    private const string Version = "2.1.0";

    private static readonly string[] OnOff = ["off", "on"];
    private static readonly string[] InvalidNumberOptions = ["off", "on", "null"];

    /// <summary>luaopen_cjson.</summary>
    public static int Open(CallContext call) => call.Return(NewModule(call.State, safe: false));

    /// <summary>luaopen_cjson_safe.</summary>
    public static int OpenSafe(CallContext call) => call.Return(NewModule(call.State, safe: true));

    private static LuaTable NewModule(LuaState state, bool safe)
    {
        var cfg = new CjsonConfig();
        var module = new LuaTable(0, 16);
        void Add(string name, LuaNativeFunction f) => module.Set(name, state.CreateFunction(name, f));
        Add("encode", safe ? call => SafeEncode(call, cfg) : call => Encode(call, cfg));
        Add("decode", safe ? call => SafeDecode(call, cfg) : call => Decode(call, cfg));
        Add("encode_sparse_array", call => EncodeSparseArray(call, cfg));
        Add("encode_max_depth", call => IntegerSetting(call, ref cfg.EncodeMaxDepth, 1, int.MaxValue));
        Add("decode_max_depth", call => IntegerSetting(call, ref cfg.DecodeMaxDepth, 1, int.MaxValue));
        Add("encode_number_precision", call => IntegerSetting(call, ref cfg.EncodeNumberPrecision, 1, 14));
        Add("encode_keep_buffer", call => EncodeKeepBuffer(call, cfg));
        Add("encode_invalid_numbers", call => EnumSetting(call, ref cfg.EncodeInvalidNumbers, InvalidNumberOptions));
        Add("decode_invalid_numbers", call => EnumSetting(call, ref cfg.DecodeInvalidNumbers, OnOff));
        Add("new", safe ? OpenSafe : Open);
        module.Set("null", new LuaValue(LuaLightUserdata.Null));
        module.Set("_NAME", "cjson");
        module.Set("_VERSION", Version);
        return module;
    }

    // ---- encode / decode ----

    private static LuaString EncodeValue(in LuaValue value, CjsonConfig cfg)
    {
        var encoder = cfg.KeptEncoder ?? new JsonEncoder();
        return encoder.Encode(value, cfg);
    }

    // Running out of memory (an output past .NET's largest array, or no memory left) is lua5.1's
    // memory error, "not enough memory", where lua-cjson's buffer would abort the process; in
    // cjson.safe it is the error lua-cjson's wrapper raises for a failed pcall of that kind.
    private const string NoMemory = "not enough memory";
    private const string SafeNoMemory = "Memory allocation error in CJSON protected call";

    private static int Encode(CallContext call, CjsonConfig cfg)
    {
        if (call.ArgCount != 1) throw call.ArgError(1, "expected 1 argument");
        try
        {
            return call.Return(EncodeValue(call[1], cfg));
        }
        catch (JsonException e)
        {
            throw call.ErrorLatin1(e.Message);
        }
        catch (OutOfMemoryException)
        {
            throw new LuaException(NoMemory);
        }
    }

    private static int Decode(CallContext call, CjsonConfig cfg)
    {
        if (call.ArgCount != 1) throw call.ArgError(1, "expected 1 argument");
        var text = call.CheckString(1);
        try
        {
            return call.Return(JsonDecoder.Current.Decode(text, cfg));
        }
        catch (JsonException e)
        {
            throw call.ErrorLatin1(e.Message);
        }
        catch (OutOfMemoryException)
        {
            throw new LuaException(NoMemory);
        }
    }

    // cjson.safe's functions stand for lua-cjson's protected wrapper, which checks the argument
    // count itself and pcalls the real function: errors from that one carry no position and
    // name the function '?', and come back as nil, message.

    private static int SafeEncode(CallContext call, CjsonConfig cfg)
    {
        if (call.ArgCount != 1) throw call.ArgError(1, "expected 1 argument");
        try
        {
            return call.Return(EncodeValue(call[1], cfg));
        }
        catch (JsonException e)
        {
            return call.Return(LuaValue.Nil, LuaString.FromLatin1(e.Message));
        }
        catch (OutOfMemoryException)
        {
            throw call.Error(SafeNoMemory);
        }
    }

    private static int SafeDecode(CallContext call, CjsonConfig cfg)
    {
        if (call.ArgCount != 1) throw call.ArgError(1, "expected 1 argument");
        var text = call[1].ToLuaStringCoerced();
        if (text is null) return call.Return(LuaValue.Nil, $"bad argument #1 to '?' (string expected, got {call[1].TypeName()})");
        try
        {
            return call.Return(JsonDecoder.Current.Decode(text, cfg));
        }
        catch (JsonException e)
        {
            return call.Return(LuaValue.Nil, LuaString.FromLatin1(e.Message));
        }
        catch (OutOfMemoryException)
        {
            throw call.Error(SafeNoMemory);
        }
    }

    // ---- configuration ----

    /// <summary>lua-cjson's json_arg_init: at most <paramref name="count"/> arguments.</summary>
    private static void CheckArgCount(CallContext call, int count)
    {
        if (call.ArgCount > count) throw call.ArgError(count + 1, "found too many arguments");
    }

    private static int IntegerSetting(CallContext call, ref int setting, int min, int max)
    {
        CheckArgCount(call, 1);
        IntegerOption(call, 1, ref setting, min, max);
        return call.Return(setting);
    }

    /// <summary>
    /// json_integer_option: a new value when the argument is not nil. lua-cjson stores
    /// luaL_checkinteger's result in a C int (so 2^32 + 5 is 5) and reports a value out of
    /// range as a bad argument #1, whichever argument it was.
    /// </summary>
    private static void IntegerOption(CallContext call, int index, ref int setting, int min, int max)
    {
        if (call[index].IsNil) return;
        int value = unchecked((int)call.CheckInteger(index));
        if (value < min || value > max) throw call.ArgError(1, $"expected integer between {min} and {max}");
        setting = value;
    }

    private static int EnumSetting(CallContext call, ref int setting, string[] options)
    {
        CheckArgCount(call, 1);
        return call.Return(EnumOption(call, 1, ref setting, options));
    }

    /// <summary>
    /// json_enum_option: a boolean sets "off"/"on", a string one of the options; returns the
    /// setting as a boolean for off/on, otherwise as its option name ("null").
    /// </summary>
    private static LuaValue EnumOption(CallContext call, int index, ref int setting, string[] options)
    {
        var arg = call[index];
        if (!arg.IsNil) setting = arg.IsBoolean ? (arg.IsTruthy ? 1 : 0) : call.CheckOption(index, null, options);
        return setting <= 1 ? LuaValue.FromBool(setting == 1) : (LuaValue)options[setting];
    }

    private static int EncodeSparseArray(CallContext call, CjsonConfig cfg)
    {
        CheckArgCount(call, 3);
        var convert = EnumOption(call, 1, ref cfg.SparseConvert, OnOff);
        IntegerOption(call, 2, ref cfg.SparseRatio, 0, int.MaxValue);
        IntegerOption(call, 3, ref cfg.SparseSafe, 0, int.MaxValue);
        return call.Return(convert, cfg.SparseRatio, cfg.SparseSafe);
    }

    private static int EncodeKeepBuffer(CallContext call, CjsonConfig cfg)
    {
        CheckArgCount(call, 1);
        var keep = EnumOption(call, 1, ref cfg.EncodeKeepBuffer, OnOff);
        // on: one buffer kept for every call; off: each call makes its own and drops it
        if (cfg.EncodeKeepBuffer == 1) cfg.KeptEncoder ??= new JsonEncoder();
        else cfg.KeptEncoder = null;
        return call.Return(keep);
    }
}
