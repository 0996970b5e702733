using LuaVm;
using LuaVm.Runtime;

namespace VectorModule;

/// <summary>
/// The "vector" module: <c>vector.new(x, y)</c> makes a 2-D vector userdata, and
/// <c>vector.dot(v, w)</c> is the dot product. Vectors have <c>v.x</c>, <c>v.y</c>,
/// <c>v:length()</c>, <c>v + w</c>, <c>tostring(v)</c> and <c>v == w</c>;
/// "vector.stats" (the same assembly, found by the all-in-one loader) adds <c>stats.sum(...)</c>.
/// </summary>
public static class VectorLibrary
{
    private const string TypeName = "vector";

    /// <summary>require "vector": returns the module table (luaopen_vector).</summary>
    [LuaExport("luaopen_vector")]
    public static int Open(CallContext call)
    {
        var state = call.State;
        var methods = state.CreateTable(("length", Length));
        var meta = state.CreateTable(("__add", Add), ("__tostring", ToString), ("__eq", AreEqual), ("__index", Index));
        meta.Set("methods", methods);
        // Kept in the registry so that every vector of this state shares one metatable.
        state.Registry.Set("vector.metatable", meta);
        return call.Return(state.CreateTable(("new", New), ("dot", Dot)));
    }

    /// <summary>require "vector.stats": luaopen_vector_stats, exported under its own name.</summary>
    public static int luaopen_vector_stats(CallContext call) => call.Return(call.State.CreateTable(("sum", Sum)));

    private static LuaValue Wrap(CallContext call, Vector v) =>
        new(call.State.NewUserdata(v, call.State.Registry.Get("vector.metatable").AsTable));

    private static Vector Check(CallContext call, int n) => call.CheckUserdata<Vector>(n, TypeName);

    private static int New(CallContext call) => call.Return(Wrap(call, new Vector(call.CheckNumber(1), call.CheckNumber(2))));

    /// <summary>vector.dot(v, w): the dot product (added by following docs/extending.md, "Adding a library function").</summary>
    private static int Dot(CallContext call)
    {
        var a = Check(call, 1);
        var b = Check(call, 2);
        return call.Return(a.X * b.X + a.Y * b.Y);
    }

    private static int Length(CallContext call) => call.Return(Check(call, 1).Length);

    private static int Add(CallContext call)
    {
        var a = Check(call, 1);
        var b = Check(call, 2);
        return call.Return(Wrap(call, new Vector(a.X + b.X, a.Y + b.Y)));
    }

    private static int AreEqual(CallContext call) => call.Return(Check(call, 1) == Check(call, 2));

    private static int ToString(CallContext call)
    {
        var v = Check(call, 1);
        // Lua's own number formatting (%.14g), so that 1 prints as "1" and 0.5 as "0.5"
        return call.Return($"vector({new LuaValue(v.X)}, {new LuaValue(v.Y)})");
    }

    private static int Index(CallContext call)
    {
        var v = Check(call, 1);
        var key = call[2];
        string? field = key.IsString ? key.ToString() : null;
        return field switch
        {
            "x" => call.Return(v.X),
            "y" => call.Return(v.Y),
            _ => call.Return(call.State.Registry.Get("vector.metatable").AsTable!.Get("methods").AsTable!.Get(key)),
        };
    }

    private static int Sum(CallContext call)
    {
        double x = 0, y = 0;
        for (int i = 1; i <= call.ArgCount; i++)
        {
            var v = Check(call, i);
            x += v.X;
            y += v.Y;
        }
        return call.Return(Wrap(call, new Vector(x, y)));
    }
}
