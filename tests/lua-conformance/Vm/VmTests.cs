using LuaVm;
using LuaVm.Runtime;
using Xunit;

namespace LuaConformance.Tests.Vm;

/// <summary>Behaviour of the VM that golden cases cannot show: Kraken's extensions and the embedding API.</summary>
public sealed class VmTests
{
    private static (LuaState State, MemoryStream Output) NewState()
    {
        var state = new LuaState();
        var output = new MemoryStream();
        state.StdOut = output;
        return (state, output);
    }

    private static string Run(string code)
    {
        var (state, output) = NewState();
        state.DoString(code, "=test");
        state.StdOut.Flush();
        return System.Text.Encoding.Latin1.GetString(output.ToArray());
    }

    [Fact]
    public void CoroutineCanYieldInsidePcall()
    {
        // lua5.1 refuses this ("attempt to yield across metamethod/C-call boundary"); Kraken allows it.
        string output = Run("""
            local co = coroutine.create(function()
              local ok, err = pcall(function()
                local v = coroutine.yield("first")
                error("after " .. v, 0)
              end)
              coroutine.yield(tostring(ok) .. " " .. err)
              return "finished"
            end)
            print(coroutine.resume(co))
            print(coroutine.resume(co, "resume"))
            print(coroutine.resume(co))
            """);
        Assert.Equal("true\tfirst\ntrue\tfalse after resume\ntrue\tfinished\n", output);
    }

    [Fact]
    public void CompiledCodeCanYieldInsidePcall()
    {
        // the same extension when pcall is called from compiled code with a compiled function
        var (state, output) = NewState();
        state.JitThreshold = 1;
        state.DoString("""
            local co = coroutine.wrap(function()
              for i = 1, 3 do
                local ok, v = pcall(function(x)
                  local y = coroutine.yield(x)
                  if y == "err" then error("after yield", 0) end
                  return y
                end, i)
                print("in co", ok, v)
              end
              return "done"
            end)
            print(co()) print(co("a")) print(co("err")) print(co("c"))
            """, "=test");
        state.StdOut.Flush();
        Assert.Equal("1\nin co\ttrue\ta\n2\nin co\tfalse\tafter yield\n3\nin co\ttrue\tc\ndone\n",
            System.Text.Encoding.Latin1.GetString(output.ToArray()));
    }

    [Fact]
    public void NativeFunctionSuspendsAndHostResumesWithValues()
    {
        var (state, output) = NewState();
        // A C# function that suspends the coroutine, as the kraken sockets do.
        state.Register("wait_for_value", call => call.Yield(0));
        var chunk = state.Load("local v, w = wait_for_value(); print('resumed with', v, w); return v + w"u8, "=test");
        var co = state.NewThread(chunk);
        var first = state.Resume(co);
        Assert.Equal(ResumeOutcome.Yielded, first.Outcome);
        var second = state.Resume(co, 20, 22);
        Assert.Equal(ResumeOutcome.Returned, second.Outcome);
        Assert.Equal(42.0, second.Values[0].Num);
        state.StdOut.Flush();
        Assert.Equal("resumed with\t20\t22\n", System.Text.Encoding.Latin1.GetString(output.ToArray()));
    }

    [Fact]
    public void DeepRecursionIsACatchableLuaError()
    {
        string output = Run("""
            local function f(n) return 1 + f(n + 1) end
            local ok, e = pcall(f, 1)
            print(ok, e)
            """);
        Assert.Equal("false\ttest:1: stack overflow\n", output);
    }

    [Fact]
    public void MetamethodRecursionGivesCStackOverflow()
    {
        string output = Run("""
            local t = setmetatable({}, {__index = function(t, k) return t[k] end})
            print(pcall(function() return t.x end))
            """);
        Assert.StartsWith("false\t", output);
        Assert.Contains("C stack overflow", output);
    }

    [Fact]
    public void MillionDeepTailCallsRunInConstantSpace()
    {
        Assert.Equal("done\n", Run("local function loop(n) if n == 0 then return 'done' end return loop(n - 1) end print(loop(1000000))"));
    }

    [Fact]
    public void UncaughtErrorCarriesTraceback()
    {
        var (state, _) = NewState();
        var e = Assert.Throws<LuaException>(() => state.DoString("local function f() error('boom') end\nf()", "@x.lua"));
        Assert.Equal("x.lua:1: boom", e.Value.ToString());
        Assert.Equal("stack traceback:\n\t[C]: in function 'error'\n\tx.lua:1: in function 'f'\n\tx.lua:2: in main chunk\n\t[C]: ?", e.LuaTraceback);
    }
}
