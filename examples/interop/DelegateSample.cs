using LuaVm;
using LuaVm.Runtime;

namespace InteropExample;

public static class DelegateSample
{
    public static void Run()
    {
        #region delegates
        using var lua = new LuaState();
        lua.Register("twice", (double x) => 2 * x);                      // any delegate: a Lua function
        lua.SetGlobal("greet", (string name, int times) => string.Concat(Enumerable.Repeat($"hi {name}! ", times)));
        LuaValue[] r = lua.DoString("return twice(21), greet('Lua', 2)");
        Console.WriteLine($"{r[0]} / {r[1]}");                             // 42 / hi Lua! hi Lua!
        try { lua.DoString("twice('x')", "=demo"); }
        catch (LuaException e) { Console.WriteLine(e.Message); }          // demo:1: bad argument #1 to 'twice' (number expected, got string)

        lua.DoString("function area(w, h) return w * h end");
        var area = lua.CreateDelegate<Func<double, double, double>>(lua.GetGlobal("area"));
        Console.WriteLine(area(3, 4));                                     // 12
        #endregion
    }
}
