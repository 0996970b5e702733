using System.Diagnostics.CodeAnalysis;
using System.Reflection;
#if !NETSTANDARD2_1
using System.Runtime.Loader;
#endif

namespace LuaVm.Library.Modules;

// How a module file is loaded. netstandard2.1 has no AssemblyLoadContext: there the module loads
// with Assembly.LoadFrom into the default context (its dependencies resolve from its folder the
// way LoadFrom resolves them, without a context of its own), as docs/embedding.md says.
internal sealed partial class ModuleAssembly
{
#if NETSTANDARD2_1
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "A module assembly is loaded whole from its file, untrimmed.")]
    private static Assembly LoadAssembly(string full) => Assembly.LoadFrom(full);
#else
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification =
        "A module assembly is loaded whole from its file, untrimmed; it needs the public API of LuaVm, " +
        "which a trimmed host must keep (docs/embedding.md, \"Native AOT and trimming\").")]
    private static Assembly LoadAssembly(string full) => new ModuleLoadContext(full).LoadFromAssemblyPath(full);

    /// <summary>
    /// One load context per module file. Whatever the host already has (LuaVm above all, so that
    /// the module's CallContext is the host's; the framework) comes from the default context;
    /// only the module's own private dependencies load from its folder.
    /// </summary>
    private sealed class ModuleLoadContext(string path) : AssemblyLoadContext("Lua module " + path)
    {
        private readonly string _folder = Path.GetDirectoryName(path)!;

        [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "A module's private dependencies load whole from its folder, untrimmed.")]
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            foreach (var a in Default.Assemblies)
                if (AssemblyName.ReferenceMatchesDefinition(assemblyName, a.GetName())) return null;
            if (IsPlatformAssembly(assemblyName.Name)) return null;
            string candidate = Path.Combine(_folder, assemblyName.Name + ".dll");
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }

        private static bool IsPlatformAssembly(string? name)
        {
            if (name is null || AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is not string tpa) return false;
            foreach (var file in tpa.Split(Path.PathSeparator))
                if (string.Equals(Path.GetFileNameWithoutExtension(file), name, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }
    }
#endif
}
