namespace LuaVm;

/// <summary>
/// Gives a C# function of an extension module the name Lua looks it up by, when its method name
/// is not that name: <c>[LuaExport("luaopen_vector")] public static int Open(CallContext call)</c>.
/// Without the attribute, a public static method <c>int M(CallContext)</c> of a public type is
/// exported under its own name (so a method named <c>luaopen_vector</c> needs none). require finds
/// <c>luaopen_NAME</c> (dots in the module name become underscores, as in Lua 5.1);
/// package.loadlib finds any exported name. See docs/embedding.md, "Extension modules in C#".
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class LuaExportAttribute(string name) : Attribute
{
    /// <summary>The name under which Lua finds the function (like a C symbol name).</summary>
    public string Name { get; } = name;
}
