// lua-term 0.07, the C module "term.core": https://github.com/hoelzro/lua-term (README, "term.isatty(file):
// Returns true if file is a TTY; false otherwise"). Debian's lua-term 0.07 ships it with the Lua
// parts term/init.lua, term/colors.lua and term/cursor.lua, for which TermModule.cs,
// TermColorsModule.cs and TermCursorModule.cs stand in where they are not installed.
using LuaVm;
using LuaVm.Library.Io;
using LuaVm.Runtime;

namespace LuaModules.Term;

/// <summary><c>require "term.core"</c>: a table with <c>isatty(file)</c>, all that lua-term 0.07's C part has.</summary>
internal static class TermCoreModule
{
    /// <summary>The luaopen_term_core function: the module table.</summary>
    public static int Open(CallContext call)
    {
        var module = new LuaTable(0, 1);
        module.Set("isatty", call.State.CreateFunction("isatty", IsATty));
        return call.Return(module);
    }

    /// <summary>
    /// isatty(file): true when the io file is a terminal. lua-term 0.07 checks its LAST argument
    /// (luaL_checkudata at index -1, fixed only in 0.08), so its errors say "bad argument #-1", and
    /// with no argument at all the value it checks is the function itself: both kept, as Debian's
    /// module gives them. A closed file, on which the C module crashes (fileno(NULL)), is io's
    /// "attempt to use a closed file" error here.
    /// </summary>
    private static int IsATty(CallContext call)
    {
        var value = call.ArgCount > 0 ? call[call.ArgCount] : new LuaValue(call.Function);
        var fileMeta = call.State.Registry.Get("FILE*").Obj;
        if (value.Obj is not LuaUserdata { Value: LuaFile file } userdata || fileMeta is null || !ReferenceEquals(userdata.Metatable, fileMeta))
            throw call.ArgError(-1, $"FILE* expected, got {value.TypeName()}");
        if (file.IsClosed) throw call.Error("attempt to use a closed file");
        return call.Return(Terminal.IsTerminal(call.State, file) ?? throw call.Error("isatty: the C library's isatty cannot be called on this system"));
    }
}
