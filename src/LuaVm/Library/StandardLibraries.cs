using LuaVm.Runtime;

namespace LuaVm.Library;

/// <summary>Opens the standard libraries into a state (luaL_openlibs).</summary>
public static class StandardLibraries
{
    /// <summary>Opens the chosen libraries.</summary>
    public static void Open(LuaState state, LuaLibraries libraries)
    {
        if (libraries.HasFlag(LuaLibraries.Base)) BaseLibrary.Open(state);
        if (libraries.HasFlag(LuaLibraries.Package)) PackageLibrary.Open(state);
        if (libraries.HasFlag(LuaLibraries.Table)) TableLibrary.Open(state);
        if (libraries.HasFlag(LuaLibraries.Io)) IoLibrary.Open(state);
        if (libraries.HasFlag(LuaLibraries.Os)) OsLibrary.Open(state);
        if (libraries.HasFlag(LuaLibraries.String)) StringLibrary.Open(state);
        if (libraries.HasFlag(LuaLibraries.Math)) MathLibrary.Open(state);
        if (libraries.HasFlag(LuaLibraries.Debug)) DebugLibrary.Open(state);
        if (libraries.HasFlag(LuaLibraries.Coroutine)) CoroutineLibrary.Open(state);
        RegisterLoaded(state);
    }

    /// <summary>Every opened library is also a loaded module (require "string" returns it), as in lua5.1.</summary>
    private static void RegisterLoaded(LuaState state)
    {
        if (state.Globals.Get("package").AsTable?.Get("loaded").AsTable is not { } loaded) return;
        foreach (var name in new[] { "string", "table", "math", "io", "os", "debug", "coroutine", "package" })
        {
            var lib = state.Globals.Get(name);
            if (!lib.IsNil) loaded.Set(name, lib);
        }
        loaded.Set("_G", state.Globals);
    }

    /// <summary>Creates a library table with the given functions and stores it as a global.</summary>
    public static LuaTable Register(LuaState state, string libraryName, params (string Name, LuaNativeFunction Function)[] functions)
    {
        var table = state.Globals.Get(libraryName).AsTable;
        if (table is null)
        {
            table = new LuaTable(0, functions.Length);
            state.Globals.Set(libraryName, table);
        }
        foreach (var (name, fn) in functions) table.Set(name, state.CreateFunction(name, fn));
        return table;
    }
}
