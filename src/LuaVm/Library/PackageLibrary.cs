using LuaVm.Runtime;

namespace LuaVm.Library;

/// <summary>
/// The package library of Lua 5.1 (loadlib.c): require with package.path, package.loaded,
/// preload, loaders, seeall and module(). The C searchers and package.loadlib load .NET assemblies
/// instead of C libraries (see <see cref="Modules.ModuleAssembly"/> and docs/embedding.md); the
/// C searcher first looks among the state's built-in modules (<see cref="LuaState.AddBuiltinModule"/>).
/// </summary>
public static class PackageLibrary
{
    // The defaults of Debian's lua5.1, so that scripts find the same modules.
    private const string DefaultPath = "./?.lua;/usr/local/share/lua/5.1/?.lua;/usr/local/share/lua/5.1/?/init.lua;/usr/local/lib/lua/5.1/?.lua;/usr/local/lib/lua/5.1/?/init.lua;/usr/share/lua/5.1/?.lua;/usr/share/lua/5.1/?/init.lua";
    private const string DefaultCPath = "./?.so;/usr/local/lib/lua/5.1/?.so;/usr/lib/x86_64-linux-gnu/lua/5.1/?.so;/usr/lib/lua/5.1/?.so;/usr/local/lib/lua/5.1/loadall.so";
    /// <summary>What package.loaded[name] holds while a module loads (a userdata, as lua5.1's light userdata sentinel).</summary>
    private static readonly LuaUserdata LoadingSentinel = new(null);

    /// <summary>Opens the library into the state.</summary>
    public static void Open(LuaState state)
    {
        var package = StandardLibraries.Register(state, "package",
            ("seeall", SeeAll),
            ("loadlib", LoadLib));
        package.Set("path", PathFrom("LUA_PATH", DefaultPath));
        package.Set("cpath", PathFrom("LUA_CPATH", DefaultCPath));
        package.Set("config", "/\n;\n?\n!\n-");
        var loaded = new LuaTable();
        foreach (var lib in new[] { "string", "table", "math", "io", "os", "debug", "coroutine", "package" })
            if (!state.Globals.Get(lib).IsNil) loaded.Set(lib, state.Globals.Get(lib));
        loaded.Set("_G", state.Globals);
        package.Set("loaded", loaded);
        package.Set("preload", new LuaTable());
        var loaders = new LuaTable();
        // As in loadlib.c, these functions keep the package table as their environment and find
        // it there, so require works after the global 'package' (or the globals) changed.
        loaders.SetInt(1, new NativeFunction("preload_loader", PreloadLoader, package));
        loaders.SetInt(2, new NativeFunction("lua_loader", LuaLoader, package));
        loaders.SetInt(3, new NativeFunction("c_loader", call => CLoader(call, "cpath"), package));
        loaders.SetInt(4, new NativeFunction("all_in_one_loader", AllInOneLoader, package));
        package.Set("loaders", loaders);
        state.Globals.Set("require", new NativeFunction("require", Require, package));
        state.Globals.Set("module", new NativeFunction("module", Module, package));
        package.Set("loaded", loaded);
        loaded.Set("package", package);
        state.Registry.Set("_LOADED", loaded); // as in lua5.1, where require keeps it
    }

    private static string PathFrom(string variable, string def)
    {
        string? v = Environment.GetEnvironmentVariable(variable);
        return v is null ? def : v.Replace(";;", ";" + def + ";");
    }

    private static LuaTable Package(CallContext call) => call.Function.Env;

    private static int Require(CallContext call)
    {
        var name = call.CheckString(1);
        var package = Package(call);
        var loaded = package.Get("loaded").AsTable ?? throw call.Error("'package.loaded' must be a table");
        var existing = loaded.GetStr(name);
        if (existing.IsTruthy)
        {
            if (ReferenceEquals(existing.Obj, LoadingSentinel)) throw call.ErrorLatin1($"loop or previous error loading module '{name.ToLatin1String()}'");
            return call.Return(existing);
        }
        var loaders = package.Get("loaders").AsTable ?? throw call.Error("'package.loaders' must be a table");
        var messages = new System.Text.StringBuilder();
        LuaValue loader = LuaValue.Nil;
        for (int i = 1; ; i++)
        {
            var searcher = loaders.GetInt(i);
            if (searcher.IsNil) throw call.ErrorLatin1($"module '{name.ToLatin1String()}' not found:{messages}");
            var r = call.State.Call(searcher, name);
            if (r.Length > 0 && r[0].IsFunction)
            {
                loader = r[0];
                break;
            }
            if (r.Length > 0 && r[0].IsString) messages.Append(r[0].ToByteString());
        }
        loaded.SetStr(name, new LuaValue(LoadingSentinel));
        var result = call.State.Call(loader, name);
        if (result.Length > 0 && !result[0].IsNil) loaded.SetStr(name, result[0]);
        if (ReferenceEquals(loaded.GetStr(name).Obj, LoadingSentinel)) loaded.SetStr(name, LuaValue.True);
        return call.Return(loaded.GetStr(name));
    }

    private static int PreloadLoader(CallContext call)
    {
        var name = call.CheckString(1);
        var preload = Package(call).Get("preload").AsTable ?? throw call.Error("'package.preload' must be a table");
        var f = preload.GetStr(name);
        return f.IsNil ? call.Return(LuaString.FromLatin1($"\n\tno field package.preload['{name.ToLatin1String()}']")) : call.Return(f);
    }

    private static string? SearchPath(string name, string path, System.Text.StringBuilder tried, bool assemblies = false)
    {
        name = name.Replace('.', '/');
        foreach (var template in path.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            string file = template.Replace("?", name);
            // package.cpath keeps lua5.1's "?.so" templates; the assembly next to where a C module
            // would be ("?.dll", same stem) is what Kraken can load, so it is tried first. The
            // messages list the templates only, as lua5.1 words them.
            if (assemblies && file.EndsWith(".so", StringComparison.Ordinal) && File.Exists(Io.OsStrings.ToOs(file[..^3] + ".dll"))) return file[..^3] + ".dll";
            if (File.Exists(Io.OsStrings.ToOs(file))) return file;
            tried.Append($"\n\tno file '{file}'");
        }
        return null;
    }

    private static int LuaLoader(CallContext call)
    {
        var name = call.CheckString(1).ToLatin1String();
        string path = Package(call).Get("path").AsString?.ToLatin1String() ?? throw call.Error("'package.path' must be a string");
        var tried = new System.Text.StringBuilder();
        string? file = SearchPath(name, path, tried);
        if (file is null) return call.Return(LuaString.FromLatin1(tried.ToString()));
        try
        {
            return call.Return(BaseLibrary.LoadFileChunk(call.State, file));
        }
        catch (LuaException e)
        {
            throw call.ErrorLatin1($"error loading module '{name}' from file '{file}':\n\t{e.Value.ToByteString()}");
        }
    }

    private static int CLoader(CallContext call, string field)
    {
        var name = call.CheckString(1).ToLatin1String();
        if (call.State.BuiltinModules.TryGetValue(name, out var builtin))
            return call.Return(new NativeFunction(EntryPointName(name), builtin, call.State.Globals));
        string path = Package(call).Get(field).AsString?.ToLatin1String() ?? throw call.Error($"'package.{field}' must be a string");
        var tried = new System.Text.StringBuilder();
        string? file = SearchPath(name, path, tried, assemblies: true);
        if (file is null) return call.Return(LuaString.FromLatin1(tried.ToString()));
        var function = LoadFunction(call, file, EntryPointName(name), out string error, out _);
        if (function is null) throw call.ErrorLatin1($"error loading module '{name}' from file '{file}':\n\t{error}");
        return call.Return(function);
    }

    /// <summary>lua5.1's loader_Croot: for "a.b", looks in the library of the root "a" for luaopen_a_b.</summary>
    private static int AllInOneLoader(CallContext call)
    {
        string name = call.CheckString(1).ToLatin1String();
        int dot = name.IndexOf('.');
        if (dot < 0) return 0;
        string path = Package(call).Get("cpath").AsString?.ToLatin1String() ?? throw call.Error("'package.cpath' must be a string");
        var tried = new System.Text.StringBuilder();
        string? file = SearchPath(name[..dot], path, tried, assemblies: true);
        if (file is null) return call.Return(LuaString.FromLatin1(tried.ToString()));
        var function = LoadFunction(call, file, EntryPointName(name), out string error, out bool libraryLoaded);
        if (function is not null) return call.Return(function);
        if (libraryLoaded) return call.Return(LuaString.FromLatin1($"\n\tno module '{name}' in file '{file}'"));
        throw call.ErrorLatin1($"error loading module '{name}' from file '{file}':\n\t{error}");
    }

    /// <summary>loadlib.c's mkfuncname: "luaopen_" + the name after any "-" prefix, dots as underscores.</summary>
    private static string EntryPointName(string name)
    {
        int mark = name.IndexOf('-');
        if (mark >= 0) name = name[(mark + 1)..];
        return "luaopen_" + name.Replace('.', '_');
    }

    /// <summary>package.loadlib(path, funcname): the function, or nil, the message and "open" or "init".</summary>
    private static int LoadLib(CallContext call)
    {
        string path = call.CheckString(1).ToLatin1String();
        string symbol = call.CheckString(2).ToLatin1String();
        var function = LoadFunction(call, path, symbol, out string error, out bool libraryLoaded);
        if (function is not null) return call.Return(function);
        call.Push(LuaValue.Nil);
        call.Push(LuaString.FromLatin1(error));
        call.Push(libraryLoaded ? "init" : "open");
        return 3;
    }

    /// <summary>
    /// ll_loadfunc: loads the assembly and finds the export; null with dlerror-like text otherwise
    /// (<paramref name="libraryLoaded"/> tells "no such function" from "cannot load").
    /// </summary>
    private static NativeFunction? LoadFunction(CallContext call, string file, string symbol, out string error, out bool libraryLoaded)
    {
        var library = Modules.ModuleAssembly.Load(Io.OsStrings.ToOs(file), out error);
        libraryLoaded = library is not null;
        if (library is null) return null;
        var function = library.Find(symbol);
        if (function is null)
        {
            error = $"{file}: undefined symbol: {symbol}";
            return null;
        }
        return new NativeFunction(symbol, function, call.State.Globals);
    }

    private static int SeeAll(CallContext call)
    {
        var t = call.CheckTable(1);
        t.Metatable ??= new LuaTable();
        t.Metatable.Set("__index", call.State.Globals);
        return 0;
    }

    private static int Module(CallContext call)
    {
        var name = call.CheckString(1);
        var loaded = Package(call).Get("loaded").AsTable!;
        var module = loaded.GetStr(name).AsTable;
        if (module is null)
        {
            module = FindOrCreateTable(call, name);
            loaded.SetStr(name, module);
        }
        if (module.Get("_NAME").IsNil)
        {
            module.Set("_M", module);
            module.Set("_NAME", name);
            string n = name.ToLatin1String();
            int dot = n.LastIndexOf('.');
            module.Set("_PACKAGE", dot < 0 ? LuaString.Empty : LuaString.FromLatin1(n[..(dot + 1)]));
        }
        // setfenv(caller, module)
        var t = call.Thread;
        int index = t.FrameCount - 2;
        if (index < 0 || t.Frames[index].Closure is not LuaClosure caller) throw call.Error("'module' not called from a Lua function");
        caller.Env = module;
        for (int i = 2; i <= call.ArgCount; i++) call.State.Call(call[i], module);
        return 0;
    }

    private static LuaTable FindOrCreateTable(CallContext call, LuaString dotted)
    {
        var current = call.State.Globals;
        var rest = dotted.Span;
        while (true)
        {
            int dot = rest.IndexOf((byte)'.');
            var part = LuaString.FromBytes(dot < 0 ? rest : rest[..dot]);
            var next = current.GetStr(part);
            if (next.IsNil)
            {
                var created = new LuaTable();
                current.SetStr(part, created);
                current = created;
            }
            else current = next.AsTable ?? throw call.ErrorLatin1($"name conflict for module '{dotted.ToLatin1String()}'");
            if (dot < 0) return current;
            rest = rest[(dot + 1)..];
        }
    }
}
