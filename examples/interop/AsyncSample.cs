using LuaVm;
using LuaVm.Runtime;

namespace InteropExample;

public static class AsyncSample
{
    public static async Task Run()
    {
        #region async
        using var lua = new LuaState();
        lua.RegisterAsync("slow_double", async (args, cancellationToken) =>
        {
            await Task.Delay(10, cancellationToken);                     // any awaitable work: I/O, a timer
            return [args[0].ToDouble() * 2];
        });
        LuaValue[] r = await lua.DoStringAsync("return slow_double(20) + slow_double(1)");
        Console.WriteLine(r[0]);                                             // 42

        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        try { await lua.DoStringAsync("pcall(slow_double, 1) while true do end", cancellationToken: timeout.Token); }
        catch (OperationCanceledException) { Console.WriteLine("cancelled"); } // no pcall holds a cancellation
        #endregion
    }
}
