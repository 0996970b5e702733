using LuaVm;
using LuaVm.Runtime;
using Xunit;

namespace LuaConformance.Tests.Vm;

/// <summary>
/// pcall and xpcall called from C# (or any native caller) use the interpreter's protected
/// marker frame, as a CALL from Lua does: the handler runs before the frames go, and the values
/// are the same.
/// </summary>
public sealed class ProtectedCallTests
{
    private static LuaState NewState() => new() { StdOut = new MemoryStream() };

    [Fact]
    public void XpcallFromCSharpRunsTheHandlerWithTheFailingFramesInPlace()
    {
        var state = NewState();
        state.DoString("function failing() local x = nil; x() end", "=test");
        var results = state.Call(state.Globals.Get("xpcall"), state.Globals.Get("failing"), ((LuaTable)state.Globals.Get("debug").Obj!).Get("traceback"));
        Assert.Equal(2, results.Length);
        Assert.True(results[0].IsFalsy);
        string traceback = results[1].ToString();
        Assert.StartsWith("test:1: attempt to call local 'x' (a nil value)", traceback);
        Assert.Contains("\n\ttest:1: in function <test:1>\n", traceback); // the failed function's frame, as lua5.1 shows it
    }

    [Fact]
    public void PcallFromCSharpReturnsWhatPcallFromLuaReturns()
    {
        var state = NewState();
        state.DoString("function two(a, b) return a + b, 'ok' end; function bad() error({code = 7}) end", "=test");
        var pcall = state.Globals.Get("pcall");
        var ok = state.Call(pcall, state.Globals.Get("two"), 1, 2);
        Assert.Equal(3, ok.Length);
        Assert.True(ok[0].IsTruthy);
        Assert.Equal(3.0, ok[1].Num);
        var failed = state.Call(pcall, state.Globals.Get("bad"));
        Assert.True(failed[0].IsFalsy);
        Assert.Equal(7.0, ((LuaTable)failed[1].Obj!).Get("code").Num);
        // pcall(pcall, error, e) from C#: the inner marker completes into the outer one
        var nested = state.Call(pcall, pcall, state.Globals.Get("error"), "e2");
        Assert.Equal(3, nested.Length);
        Assert.True(nested[0].IsTruthy);
        Assert.True(nested[1].IsFalsy);
        Assert.Equal("e2", nested[2].ToString());
        Assert.Equal(0, state.MainThread.FrameCount);
    }

    [Fact]
    public void AnErrorInTheHandlerGivesLuasMessage()
    {
        var state = NewState();
        state.DoString("function bad() error('x') end; function handler(m) error('again') end", "=test");
        var results = state.Call(state.Globals.Get("xpcall"), state.Globals.Get("bad"), state.Globals.Get("handler"));
        Assert.True(results[0].IsFalsy);
        Assert.Equal("error in error handling", results[1].ToString());
    }
}
