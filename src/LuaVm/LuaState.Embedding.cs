using System.Diagnostics.CodeAnalysis;
using LuaVm.Runtime;

namespace LuaVm;

// Conveniences for programs that embed LuaVm: globals and calls with .NET values, userdata,
// sandboxes. Thin layers over Globals, Call and LuaValueConversions; the VM never uses them.
public sealed partial class LuaState
{
    /// <summary>
    /// Creates a state for untrusted code: the base, string, table, math and coroutine libraries
    /// (<see cref="LuaLibraries.Safe"/>) and, of os, only the clock and calendar functions
    /// (<c>os.clock</c>, <c>os.date</c>, <c>os.time</c>, <c>os.difftime</c>). Gone are the base
    /// functions that read files (<c>dofile</c>, <c>loadfile</c>) or steer the collector
    /// (<c>collectgarbage</c>, <c>gcinfo</c>), and <c>load</c>/<c>loadstring</c> accept source text
    /// only (<see cref="AllowBinaryChunks"/> is false: a crafted binary chunk is the classic way
    /// out of a Lua sandbox). No io, debug or package: the script cannot touch files, the process
    /// or other states' data. Combine with <see cref="InstructionLimit"/> and
    /// <see cref="MemoryLimit"/> to bound its time and memory.
    /// </summary>
    public static LuaState CreateSandbox()
    {
        var state = new LuaState(LuaLibraries.Safe | LuaLibraries.Os) { AllowBinaryChunks = false };
        foreach (var name in SandboxRemovedGlobals) state.Globals.Set(name, LuaValue.Nil);
        var os = state.Globals.Get("os").AsTable!;
        var kept = new LuaTable();
        foreach (var name in SandboxOsFunctions) kept.Set(name, os.Get(name));
        state.Globals.Set("os", kept);
        return state;
    }

    private static readonly string[] SandboxRemovedGlobals = ["dofile", "loadfile", "collectgarbage", "gcinfo"];
    private static readonly string[] SandboxOsFunctions = ["clock", "date", "time", "difftime"];

    /// <summary>The global <paramref name="name"/> (raw access: no metamethods of _G).</summary>
    public LuaValue GetGlobal(string name) => Globals.Get(name);

    /// <summary>
    /// Sets the global <paramref name="name"/> to a .NET value converted by
    /// <see cref="LuaValueConversions.FromObject(object?)"/>: null, bool, numbers, string (UTF-8),
    /// byte[], LuaValue, tables, functions, dictionaries and lists; any other object becomes a
    /// userdata. Raw access: no metamethods of _G.
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Objects of unregistered types are bound by reflection in Automatic mode; docs/embedding.md says how to trim.")]
    public void SetGlobal(string name, object? value) => Globals.Set(name, LuaValueConversions.FromObject(value, this));

    /// <summary>
    /// Calls the global function <paramref name="name"/> with .NET arguments (converted by
    /// <see cref="LuaValueConversions.FromObject(object?)"/>) and returns all its results.
    /// Errors surface as <see cref="LuaException"/>; a global that cannot be called gives
    /// lua5.1's message naming it: "attempt to call global 'name' (a nil value)".
    /// </summary>
    public LuaValue[] CallGlobal(string name, params object?[] args)
    {
        var function = Globals.Get(name);
        if (function.Obj is not LuaFunction && Vm.Metamethods.GetByObject(this, function, Vm.TagMethod.Call).IsNil)
            throw new LuaException($"attempt to call global '{name}' (a {function.TypeName()} value)");
        return Call(function, ToLuaValues(args));
    }

    /// <summary>Calls a Lua value with .NET arguments (see <see cref="CallGlobal"/>) and returns all its results.</summary>
    public LuaValue[] CallWith(LuaValue function, params object?[] args) => Call(function, ToLuaValues(args));

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "As SetGlobal.")]
    private LuaValue[] ToLuaValues(object?[] args)
    {
        var values = new LuaValue[args.Length];
        for (int i = 0; i < args.Length; i++) values[i] = LuaValueConversions.FromObject(args[i], this);
        return values;
    }

    /// <summary>
    /// Wraps a .NET object in a full userdata with the given metatable (typically with
    /// <c>__index</c> holding its methods, and <c>__tostring</c>). A <c>__gc</c> field is not
    /// called for these userdata: the .NET object's own lifetime rules apply.
    /// Native functions get the object back with <see cref="CallContext.CheckUserdata{T}(int, string)"/>.
    /// </summary>
    public LuaUserdata NewUserdata(object value, LuaTable? metatable = null) => new(value, metatable);

    /// <summary>
    /// Creates a table of native functions, as a library or a metatable's <c>__index</c>
    /// (luaL_register into a new table).
    /// </summary>
    public LuaTable CreateTable(params (string Name, LuaNativeFunction Function)[] functions)
    {
        var table = new LuaTable(0, functions.Length);
        foreach (var (name, function) in functions) table.Set(name, CreateFunction(name, function));
        return table;
    }

    /// <summary>
    /// Adds a module that <c>require</c> finds where lua5.1 searches package.cpath (the third
    /// searcher, before any file on package.cpath): a C# module standing in for a C one, such as
    /// those of the Kraken.LuaModules package. <paramref name="open"/> is the module's
    /// <c>luaopen_</c> function: require calls it with the module name and stores what it
    /// returns in package.loaded, as for a C module. A module of the same name on package.path
    /// still wins, as a Lua file does over a C library in lua5.1. Adding a name again replaces it.
    /// </summary>
    public void AddBuiltinModule(string name, LuaNativeFunction open)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(open);
        BuiltinModules[name] = open;
    }

    /// <summary>The modules added with <see cref="AddBuiltinModule"/>, by require name.</summary>
    internal Dictionary<string, LuaNativeFunction> BuiltinModules { get; } = new(StringComparer.Ordinal);
}
