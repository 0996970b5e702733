using LuaVm;
using LuaVm.Runtime;

namespace InteropExample;

#region records
public sealed record Order(string Item, int Quantity, string[] Tags);
#endregion

public static class TableSample
{
    public static void Run()
    {
        #region tables
        using var lua = new LuaState();
        lua.Register("place", (Order o) => $"{o.Quantity} x {o.Item} [{string.Join(", ", o.Tags)}]");
        lua.Register("total", (Dictionary<string, double> prices) => prices.Values.Sum());
        Console.WriteLine(lua.DoString("return place{item = 'tea', quantity = 2, tags = {'hot', 'green'}}")[0]);  // 2 x tea [hot, green]
        Console.WriteLine(lua.DoString("return total{tea = 2.5, cake = 4}")[0]);                               // 6.5
        try { lua.DoString("place{item = 'tea', quantity = 1.5, tags = {}}", "=demo"); }
        catch (LuaException e) { Console.WriteLine(e.Message); }
        // demo:1: bad argument #1 to 'place' (bad field 'Quantity' for Order (number has no integer representation))
        #endregion
    }
}
