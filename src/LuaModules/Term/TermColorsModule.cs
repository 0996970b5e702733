using LuaVm;
using LuaVm.Runtime;

namespace LuaModules.Term;

/// <summary>
/// <c>require "term.colors"</c> where lua-term's term/colors.lua is not installed: the same table
/// of colors, each a table <c>{ value = ESC "[" n "m" }</c> sharing one metatable (reachable with
/// getmetatable, as in lua-term since 0.02) that makes a color print as its escape sequence
/// (__tostring), join with <c>..</c> as text (__concat) and wrap a text when called (__call:
/// <c>colors.red "x"</c> is <c>colors.red .. "x" .. colors.reset</c>).
/// </summary>
internal static class TermColorsModule
{
    /// <summary>The SGR code of every color name of lua-term 0.07 (README, "term.colors Values").</summary>
    private static readonly (string Name, int Code)[] Codes =
    [
        // attributes
        ("reset", 0), ("clear", 0), ("default", 0), ("bright", 1), ("dim", 2), ("underscore", 4),
        ("blink", 5), ("reverse", 7), ("hidden", 8),
        // foreground
        ("black", 30), ("red", 31), ("green", 32), ("yellow", 33), ("blue", 34), ("magenta", 35), ("cyan", 36), ("white", 37),
        // background
        ("onblack", 40), ("onred", 41), ("ongreen", 42), ("onyellow", 43), ("onblue", 44), ("onmagenta", 45), ("oncyan", 46), ("onwhite", 47),
    ];

    /// <summary>The module's loader: the colors table.</summary>
    public static int Open(CallContext call)
    {
        var colors = new LuaTable(0, Codes.Length);
        // the Lua part keeps tostring as it was when it loaded
        var tostring = LuaOperations.Global(call, "tostring");
        var state = call.State;
        var meta = new LuaTable(0, 3);
        meta.Set("__tostring", state.CreateFunction("__tostring", c => c.Return(LuaOperations.Index(c, c[1], "value"))));
        meta.Set("__concat", state.CreateFunction("__concat", c => c.Return(JoinAsText(c, tostring, c[1], c[2]))));
        meta.Set("__call", state.CreateFunction("__call", c =>
        {
            // self .. s .. colors.reset, which Lua evaluates from the right
            var tail = LuaOperations.Concat(c, c[2], LuaOperations.Index(c, colors, "reset"));
            return c.Return(LuaOperations.Concat(c, c[1], tail));
        }));
        foreach (var (name, code) in Codes)
        {
            var color = new LuaTable(0, 1) { Metatable = meta };
            color.Set("value", "\u001b[" + code.ToString(System.Globalization.CultureInfo.InvariantCulture) + "m");
            colors.Set(name, color);
        }
        return call.Return(colors);
    }

    /// <summary>__concat: <c>tostring(a) .. tostring(b)</c>.</summary>
    private static LuaValue JoinAsText(CallContext call, LuaValue tostring, LuaValue a, LuaValue b) =>
        LuaOperations.Concat(call, LuaOperations.CallFirst(call, tostring, a), LuaOperations.CallFirst(call, tostring, b));
}
