using LuaVm;

namespace LuaModules;

/// <summary>
/// The C modules that Lua programs load, written in C#: each in its own folder, with the
/// original's documentation cited at the top of its main file. <see cref="AddTo"/> makes them
/// findable by <c>require</c> where lua5.1 searches package.cpath, so a module of the same name
/// on package.path still wins (docs/compatibility.md lists what each provides).
/// </summary>
public static class BuiltinModules
{
    /// <summary>Makes every module of this library available to <c>require</c> in <paramref name="state"/>.</summary>
    public static void AddTo(LuaState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        // one line per module, in the order of the folders
        state.AddBuiltinModule("cjson", Cjson.CjsonModule.Open);
        state.AddBuiltinModule("cjson.safe", Cjson.CjsonModule.OpenSafe);
        state.AddBuiltinModule("lfs", Lfs.LfsModule.Open);
        state.AddBuiltinModule("lpeg", Lpeg.LpegModule.Open);
        state.AddBuiltinModule("re", Lpeg.ReModule.Open);
        state.AddBuiltinModule("mime.core", Mime.MimeModule.Open);
        state.AddBuiltinModule("system.core", LuaSystem.SystemCoreModule.Open);
        state.AddBuiltinModule("system", LuaSystem.SystemModule.Open);
        state.AddBuiltinModule("term.core", Term.TermCoreModule.Open);
        state.AddBuiltinModule("term", Term.TermModule.Open);
        state.AddBuiltinModule("term.colors", Term.TermColorsModule.Open);
        state.AddBuiltinModule("term.cursor", Term.TermCursorModule.Open);
    }
}
