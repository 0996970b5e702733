// luasystem 0.2.1, the C module "system.core": https://github.com/lunarmodules/luasystem
// (README at tag v0.2.1: "platform independent system call library for Lua. Currently the
// following functions are supported: gettime, monotime, sleep"). Debian's lua-system 0.2.1 ships
// it with a Lua part, system/init.lua, that returns system.core (SystemModule.cs stands in for it).
using System.Diagnostics;
using LuaVm;
using LuaVm.Runtime;

// (LuaSystem, not System: a namespace LuaModules.System would hide .NET's System in this library)
namespace LuaModules.LuaSystem;

/// <summary>
/// <c>require "system.core"</c>: <c>gettime()</c> (seconds since the Unix epoch, UTC),
/// <c>monotime()</c> (seconds of a monotonic clock), <c>sleep(seconds)</c> and
/// <c>_VERSION = "LuaSystem 0.2.1"</c>, the whole of luasystem 0.2.1's core. busted takes its
/// gettime, monotime and sleep from it.
/// </summary>
internal static class SystemCoreModule
{
    /// <summary>The luaopen_system_core function: the module table.</summary>
    public static int Open(CallContext call)
    {
        var module = new LuaTable(0, 4);
        module.Set("_VERSION", "LuaSystem 0.2.1");
        var state = call.State;
        module.Set("gettime", state.CreateFunction("gettime", GetTime));
        module.Set("monotime", state.CreateFunction("monotime", MonoTime));
        module.Set("sleep", state.CreateFunction("sleep", Sleep));
        return call.Return(module);
    }

    /// <summary>gettimeofday's time as seconds: wall-clock time, may jump when the clock is set.</summary>
    private static int GetTime(CallContext call) =>
        call.Return((DateTime.UtcNow - DateTime.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond);

    /// <summary>
    /// CLOCK_MONOTONIC as seconds (on Linux, Stopwatch reads that very clock, so the values are
    /// the ones the C module gives: time since boot); never goes back.
    /// </summary>
    private static int MonoTime(CallContext call) =>
        call.Return(Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency);

    /// <summary>
    /// Sleeps at least <c>n</c> seconds, as the C module's nanosleep loop does: negative counts as
    /// 0, more than INT_MAX seconds as INT_MAX. NaN, which would make the C module loop forever
    /// (nanosleep fails on the undefined conversion and is retried), is a Lua error here.
    /// </summary>
    private static int Sleep(CallContext call)
    {
        double n = call.CheckNumber(1);
        if (double.IsNaN(n)) throw call.ArgError(1, "number is NaN");
        if (n < 0) n = 0;
        if (n > int.MaxValue) n = int.MaxValue;
        // Thread.Sleep counts whole milliseconds: round up so that the sleep is never shorter than
        // asked (nanosleep's promise), and sleep in pieces Thread.Sleep accepts (< 2^31 ms).
        double milliseconds = Math.Ceiling(n * 1000);
        while (milliseconds > 0)
        {
            int piece = (int)Math.Min(milliseconds, int.MaxValue - 1);
            Thread.Sleep(piece);
            milliseconds -= piece;
        }
        return 0;
    }
}
