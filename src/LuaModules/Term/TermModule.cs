using LuaVm.Runtime;

namespace LuaModules.Term;

/// <summary>
/// <c>require "term"</c> where lua-term's term/init.lua is not installed (Debian installs it in
/// /usr/share/lua/5.1, which package.path finds first). Like that file, it is the table of
/// <c>require "term.core"</c> (isatty) with <c>colors</c> (<c>require "term.colors"</c>),
/// <c>cursor</c> (<c>require "term.cursor"</c>), <c>clear</c> (ESC "[2J") and <c>cleareol</c>
/// (ESC "[K") added.
/// </summary>
internal static class TermModule
{
    /// <summary>The module's loader: the term table.</summary>
    public static int Open(CallContext call)
    {
        var term = LuaOperations.Require(call, "term.core");
        // lua-term's cursor.lua makes its functions with term.core's maketermfunc, which exists
        // only while term loads: a cursor.lua found on package.path must find it too
        LuaOperations.SetIndex(call, term, "maketermfunc", call.State.CreateFunction("maketermfunc", EscapeSequence.MakeTermFunc));
        LuaOperations.SetIndex(call, term, "colors", LuaOperations.Require(call, "term.colors"));
        LuaOperations.SetIndex(call, term, "cursor", LuaOperations.Require(call, "term.cursor"));
        LuaOperations.SetIndex(call, term, "clear", EscapeSequence.Create(call, "clear", "2J"));
        LuaOperations.SetIndex(call, term, "cleareol", EscapeSequence.Create(call, "cleareol", "K"));
        LuaOperations.SetIndex(call, term, "maketermfunc", LuaValue.Nil);
        return call.Return(term);
    }
}
