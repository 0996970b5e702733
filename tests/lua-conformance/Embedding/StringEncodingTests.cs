using System.Text;
using LuaVm;
using LuaVm.Runtime;
using Xunit;

namespace LuaConformance.Tests.Embedding;

/// <summary>
/// The embedding API's one string rule: a .NET string crossing into Lua becomes its UTF-8 bytes,
/// through every public entry point, and a Lua string read back as .NET text is decoded as UTF-8;
/// bytes that are not UTF-8 read as U+FFFD, and cross exactly only as bytes.
/// </summary>
public sealed class StringEncodingTests
{
    /// <summary>2-, 3- and 4-byte UTF-8 characters, and a lone surrogate (U+FFFD's bytes EF BF BD).</summary>
    public static TheoryData<string> Texts => new() { "é", "€", "𝄞", "\uD800", "a é € 𝄞 \uDC00 z" };

    /// <summary>What Lua must see: #s and string.byte(s, 1, -1) for <paramref name="text"/>'s UTF-8 bytes.</summary>
    private static string Expected(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        return bytes.Length + ":" + string.Join(",", bytes);
    }

    private const string Describe = "function describe(s) return #s .. ':' .. table.concat({string.byte(s, 1, -1)}, ',') end";

    private static LuaState NewState()
    {
        var lua = new LuaState();
        lua.DoString(Describe);
        return lua;
    }

    private static string Described(LuaState lua, LuaValue s) => lua.CallGlobal("describe", s)[0].ToUtf8String()!;

    [Theory]
    [MemberData(nameof(Texts))]
    public void EveryEntryPointGivesLuaTheUtf8Bytes(string text)
    {
        var lua = NewState();
        string expected = Expected(text);
        // the lone surrogate cannot be encoded: what comes back is U+FFFD, as UTF-8 decoding gives it
        string back = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));

        LuaValue converted = text;                                   // implicit operator
        Assert.Equal(expected, Described(lua, converted));
        Assert.Equal(expected, Described(lua, LuaString.FromUtf8(text)));
        Assert.Equal(expected, Described(lua, LuaString.Shared(text)));
        Assert.Equal(expected, Described(lua, LuaValueConversions.FromObject(text)));
        Assert.Equal(expected, Described(lua, LuaValueConversions.FromUtf8(text)));

        lua.SetGlobal("g", text);
        Assert.Equal(expected, lua.DoString("return describe(g)")[0].ToUtf8String());
        Assert.Equal(expected, lua.DoString($"return describe('{text}')")[0].ToUtf8String());           // source text
        Assert.Equal(expected, lua.CallGlobal("describe", text)[0].ToUtf8String());                   // CallGlobal's object arguments
        Assert.Equal(expected, lua.CallWith(lua.GetGlobal("describe"), text)[0].ToUtf8String());
        Assert.Equal(expected, lua.Call(lua.GetGlobal("describe"), text)[0].ToUtf8String());          // LuaValue arguments

        var t = new LuaTable();
        t[text] = text;                                                                                // indexer: key and value
        t.Set("k", text);
        lua.SetGlobal("t", t);
        Assert.Equal(expected, lua.DoString("local k = next(t, 'k') or next(t) if k == 'k' then k = next(t, k) end return describe(k)")[0].ToUtf8String());
        Assert.Equal(expected, lua.DoString("return describe(t.k)")[0].ToUtf8String());
        Assert.Equal(back, t[text].ToUtf8String());

        // .NET text in errors: LuaException(string) and CallContext.Error, as pcall sees them
        lua.Register("fail", call => throw call.Error(text));
        lua.Register("raise", call => throw new LuaException(text));
        Assert.Equal(expected, lua.DoString("local ok, e = pcall(raise) return describe(e)")[0].ToUtf8String());
        Assert.Equal(Expected("x:1: " + text), lua.DoString("local ok, e = pcall(function() fail() end) return describe(e)", "=x")[0].ToUtf8String());

        // chunk names and interrupt messages are .NET text too
        var e = Assert.Throws<LuaException>(() => lua.DoString("error('boom')", "=" + text));
        Assert.Equal(Expected(text + ":1: boom"), Described(lua, e.Value));
        Assert.Equal(back + ":1: boom", e.Message);
        lua.Interrupt(text);
        var stopped = Assert.Throws<LuaException>(() => lua.DoString("local x = 1", "=i"));
        lua.ClearInterrupt();
        Assert.Equal(Expected("i:1: " + text), Described(lua, stopped.Value));

        // and back: UTF-8 decoding on every .NET-text reading
        LuaValue fromLua = lua.DoString("return g")[0];
        Assert.Equal(back, fromLua.ToUtf8String());
        Assert.Equal(back, fromLua.ToString());
        Assert.Equal(back, fromLua.AsString!.ToString());
        Assert.Equal(back, $"{fromLua}");
        Assert.Equal(back, fromLua.AsString!.ToUtf8String());
        Assert.Equal(back, fromLua.ToObject());
        Assert.Equal(Encoding.UTF8.GetBytes(text), fromLua.ToBytes());
        Assert.Equal(back, Assert.Throws<LuaException>(() => lua.DoString("error(g, 0)")).Message);
        string? seen = null;
        lua.Register("take", (string s) => { seen = s; });
        lua.DoString("take(g)");
        Assert.Equal(back, seen);
        Assert.Equal(back, lua.DoString("return g")[0].ToObject());
    }

    [Fact]
    public void BytesThatAreNotUtf8ReadAsReplacementCharactersAndCrossExactlyAsBytes()
    {
        var lua = new LuaState();
        LuaValue b = lua.DoString("return string.char(200, 65)")[0];
        Assert.Equal("\uFFFDA", b.ToUtf8String());                // an invalid sequence decodes as U+FFFD
        Assert.Equal("\uFFFDA", b.ToObject());
        Assert.Equal(new byte[] { 200, 65 }, b.ToBytes());        // the exact bytes
        Assert.Equal(new byte[] { 200, 65 }, b.AsString!.Bytes);
        Assert.Equal("\uFFFDA", b.ToString());                    // ToString is .NET text too
        Assert.Equal("\uFFFDA", b.AsString!.ToString());
        Assert.Equal("\u00C8A", b.AsString!.ToLatin1String());    // the exact bytes as chars 0-255, one per byte
        Assert.Equal(b.AsString!.Bytes, LuaString.FromLatin1(b.AsString!.ToLatin1String()).Bytes);
        Assert.Equal("\uFFFD", Assert.Throws<LuaException>(() => lua.DoString("error(string.char(200), 0)")).Message);

        // bytes go in exactly as byte[] or a LuaString made from bytes
        lua.SetGlobal("raw", new byte[] { 0, 200, 255 });
        lua.SetGlobal("raw2", LuaString.FromBytes([0, 200, 255]));
        Assert.Equal("3:0,200,255 3:0,200,255", lua.DoString(Describe + " return describe(raw) .. ' ' .. describe(raw2)")[0].ToUtf8String());
    }

    [Fact]
    public void LibraryStringsKeepTheirBytes()
    {
        // Strings the libraries and the compiler build keep Lua's bytes exactly (their internal
        // one-char-per-byte form), whatever the rule for .NET text. Expected values from lua5.1.
        var lua = new LuaState();
        var r = lua.DoString("""
            local name = string.char(200, 233)
            local info = debug.getinfo(loadstring('return 1', '=' .. name))
            local ok2, e2 = pcall(require, name)
            local ok3, e3 = pcall(error, name)
            local ok4, e4 = pcall(string.format, '%' .. string.char(200), 1)
            local f, e7 = loadstring("x = 'abc" .. name .. "\n", "=c")
            return #info.short_src, info.short_src:byte(1), info.short_src:byte(2),
              e2:find(name, 1, true) ~= nil, e3 == name, #e4, (e4:find(string.char(200), 1, true)),
              #e7, (e7:find(name, 1, true))
            """);
        Assert.Equal("2 200 233 true true 31 18 36 34", string.Join(" ", r.Select(v => v.ToString())));
    }
}
