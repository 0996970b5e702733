using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using LuaVm.Runtime;

namespace LuaVm.Library.Modules;

/// <summary>
/// A .NET assembly loaded as a Lua "C library" (what dlopen gives lua5.1's loadlib.c): its
/// exported functions, found once by reflection when the file is loaded and kept as delegates,
/// so calling them later costs a delegate call and nothing more. An export is a public static
/// method <c>int M(CallContext)</c> of a public type, named by <see cref="LuaExportAttribute"/> or
/// by its own name. Loaded files are cached by full path for the life of the process, as dlopen
/// keeps a library loaded (and .NET cannot unload a non-collectible assembly anyway).
/// </summary>
internal sealed partial class ModuleAssembly
{
    private static readonly ConcurrentDictionary<string, ModuleAssembly> Loaded = new();

    private readonly Dictionary<string, LuaNativeFunction> _exports;

    private ModuleAssembly(Dictionary<string, LuaNativeFunction> exports) => _exports = exports;

    /// <summary>
    /// Loads the assembly at <paramref name="path"/> (or returns the one loaded before). On failure
    /// returns null with lua5.1-like dlerror text: "path: cannot open shared object file: No such
    /// file or directory", "path: not a .NET assembly", or the loader's own message.
    /// </summary>
    public static ModuleAssembly? Load(string path, out string error)
    {
        error = "";
        string full = Path.GetFullPath(path);
        if (Loaded.TryGetValue(full, out var known)) return known;
        if (!File.Exists(full))
        {
            error = $"{path}: cannot open shared object file: No such file or directory";
            return null;
        }
        if (!System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported)
        {
            // a Native AOT program holds only the code compiled into it
            error = $"{path}: loading .NET assemblies is not supported in a Native AOT build";
            return null;
        }
        try
        {
            var assembly = LoadAssembly(full);
            return Loaded.GetOrAdd(full, new ModuleAssembly(FindExports(assembly)));
        }
        catch (BadImageFormatException)
        {
            error = $"{path}: not a .NET assembly";
        }
        catch (Exception e) when (e is IOException or ReflectionTypeLoadException or TypeLoadException or UnauthorizedAccessException)
        {
            error = $"{path}: {e.Message}";
        }
        return null;
    }

    // LoadAssembly: Polyfills/ModuleLoading.cs (an AssemblyLoadContext per module where there is one).

    /// <summary>The exported function called <paramref name="name"/>, or null (dlsym's "undefined symbol").</summary>
    public LuaNativeFunction? Find(string name) => _exports.GetValueOrDefault(name);

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The module assembly is loaded from its file untrimmed: all its types are there.")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "The module assembly is loaded from its file untrimmed: all its methods are there.")]
    private static Dictionary<string, LuaNativeFunction> FindExports(Assembly assembly)
    {
        var exports = new Dictionary<string, LuaNativeFunction>(StringComparer.Ordinal);
        foreach (var type in assembly.GetExportedTypes())
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                var parameters = method.GetParameters();
                if (method.ReturnType != typeof(int) || method.IsGenericMethodDefinition || parameters.Length != 1 ||
                    parameters[0].ParameterType != typeof(CallContext)) continue;
                string name = method.GetCustomAttribute<LuaExportAttribute>()?.Name ?? method.Name;
                exports.TryAdd(name, method.CreateDelegate<LuaNativeFunction>());
            }
        }
        return exports;
    }
}
