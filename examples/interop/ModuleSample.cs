using LuaVm;
using LuaVm.Runtime;

namespace InteropExample;

// docs/embedding.md, "Extension modules in C#": the outline of examples/module's entry points,
// compiled here (BasicsSample.cs runs them through AddBuiltinModule; tests/kraken/ModuleTests.cs
// loads the real module assembly through package.cpath).

#region module-entry-points
public static partial class VectorLibrary
{
    [LuaExport("luaopen_vector")]                          // require "vector"
    public static int Open(CallContext call) => call.Return(call.State.CreateTable(("new", New)));

    public static int luaopen_vector_stats(CallContext call) => call.Return(call.State.CreateTable(("sum", Sum)));   // require "vector.stats"
}
#endregion

/// <summary>The functions the entry points hand out, kept out of the docs' outline.</summary>
public static partial class VectorLibrary
{
    private static int New(CallContext call)
    {
        var v = new LuaTable();
        v["x"] = call.CheckNumber(1);
        v["y"] = call.CheckNumber(2);
        return call.Return(v);
    }

    private static int Sum(CallContext call)
    {
        double total = 0;
        for (int i = 1; i <= call.ArgCount; i++) total += call.CheckNumber(i);
        return call.Return(total);
    }
}
