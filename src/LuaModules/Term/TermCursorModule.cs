using LuaVm.Runtime;

namespace LuaModules.Term;

/// <summary>
/// <c>require "term.cursor"</c> where lua-term's term/cursor.lua is not installed: goto (and its
/// alias jump), goup, godown, goright, goleft, save and restore, each writing its escape sequence
/// to the file given first or io.stdout (<see cref="EscapeSequence"/>). The sequences are lua-term
/// 0.07's, as Debian ships it: the moves are ESC "[" n ";A" (the ";" went away in 0.08). Unlike
/// lua-term's file, which works only while term loads, it can also be required on its own.
/// </summary>
internal static class TermCursorModule
{
    /// <summary>The module's loader: the cursor table.</summary>
    public static int Open(CallContext call)
    {
        var cursor = new LuaTable(0, 8);
        var jump = EscapeSequence.Create(call, "goto", "%d;%dH");
        cursor.Set("goto", jump);
        cursor.Set("jump", jump);
        foreach (var (name, format) in new[]
        {
            ("goup", "%d;A"), ("godown", "%d;B"), ("goright", "%d;C"), ("goleft", "%d;D"), ("save", "s"), ("restore", "u"),
        })
            cursor.Set(name, EscapeSequence.Create(call, name, format));
        return call.Return(cursor);
    }
}
