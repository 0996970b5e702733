using LuaVm;
using LuaVm.Runtime;
using Xunit;

namespace LuaConformance.Tests.Vm;

/// <summary>
/// The embedding options for untrusted code: LuaState.InstructionLimit and LuaState.MemoryLimit.
/// They run alone: the interrupt tests wait on another thread (the memory budget is the state's
/// own and would not need it; see Embedding/StateMemoryTests.cs).
/// </summary>
[Collection(nameof(LimitsTests))]
public sealed class LimitsTests
{
    /// <summary>A budget of <paramref name="bytes"/> above what the process uses now.</summary>
    private static void SetMemoryBudget(LuaState state, long bytes)
    {
        double kib = state.DoString("collectgarbage() return collectgarbage('count')")[0].Num;
        state.MemoryLimit = (long)(kib * 1024) + bytes;
    }

    private static (LuaState State, MemoryStream Output) NewState()
    {
        var state = new LuaState();
        var output = new MemoryStream();
        state.StdOut = output;
        return (state, output);
    }

    private static string Printed(LuaState state, MemoryStream output)
    {
        state.StdOut.Flush();
        return System.Text.Encoding.Latin1.GetString(output.ToArray());
    }

    [Fact]
    public void InstructionBudgetStopsAnInfiniteLoop()
    {
        var (state, _) = NewState();
        state.InstructionLimit = 1_000_000;
        var e = Assert.Throws<LuaException>(() => state.DoString("local n = 0 while true do n = n + 1 end", "=untrusted"));
        Assert.Equal("untrusted:1: instruction budget exceeded", e.Value.ToString());
    }

    [Fact]
    public void InstructionBudgetCannotBeCaughtAwayOrRemoved()
    {
        var (state, output) = NewState();
        state.InstructionLimit = 100_000;
        // pcall catches the error once, but the next instruction raises it again; debug.sethook
        // cannot remove the budget, and a coroutine is counted too
        var e = Assert.Throws<LuaException>(() => state.DoString("""
            debug.sethook()
            print(pcall(function() while true do end end))
            print("unreachable")
            """, "=untrusted"));
        Assert.Contains("instruction budget exceeded", e.Value.ToString());
        Assert.DoesNotContain("unreachable", Printed(state, output));

        state.InstructionLimit = 100_000;
        e = Assert.Throws<LuaException>(() => state.DoString("coroutine.wrap(function() while true do end end)()", "=co"));
        Assert.Contains("instruction budget exceeded", e.Value.ToString());
    }

    [Fact]
    public void InstructionBudgetCountsPatternMatching()
    {
        var (state, _) = NewState();
        state.InstructionLimit = 1_000_000;
        var e = Assert.Throws<LuaException>(() => state.DoString("return string.find(('a'):rep(40), ('a*'):rep(40) .. 'b')", "=untrusted"));
        Assert.Contains("instruction budget exceeded", e.Value.ToString());
    }

    [Fact]
    public void InstructionBudgetCountsPatternTailsAndSkippedStarts()
    {
        // the "%s*$" tail after "-" and the skipping of impossible start positions work without a
        // matcher call per byte; their work still counts (this find is quadratic: each start
        // scans to the 'x')
        var (state, _) = NewState();
        state.InstructionLimit = 1_000_000;
        var e = Assert.Throws<LuaException>(() => state.DoString("return string.find(('a'):rep(20000) .. 'x', 'a[^x]-%s*$')", "=untrusted"));
        Assert.Contains("instruction budget exceeded", e.Value.ToString());
        state.InstructionLimit = 1_000_000;
        e = Assert.Throws<LuaException>(() => state.DoString("return string.find(('a'):rep(3000000), '%d')", "=untrusted"));
        Assert.Contains("instruction budget exceeded", e.Value.ToString());
    }

    [Fact]
    public void InstructionBudgetLeavesNormalProgramsAlone()
    {
        var (state, output) = NewState();
        state.InstructionLimit = 10_000_000;
        state.DoString("local s = 0 for i = 1, 1000 do s = s + i end print(s)", "=ok");
        Assert.Equal("500500\n", Printed(state, output));
        state.InstructionLimit = 0; // no budget any more
        state.DoString("local s = 0 for i = 1, 3000000 do s = s + 1 end print(s)", "=ok");
        Assert.Equal("500500\n3000000\n", Printed(state, output));
    }

    /// <summary>Runs <paramref name="code"/> and interrupts it from another thread once it has called started().</summary>
    private static LuaException InterruptWhileRunning(LuaState state, string code)
    {
        using var started = new ManualResetEventSlim();
        state.Register("started", call => { started.Set(); return 0; });
        var interrupter = Task.Run(() =>
        {
            if (started.Wait(TimeSpan.FromSeconds(30))) state.Interrupt("stopped by the host");
        });
        var e = Assert.Throws<LuaException>(() => state.DoString(code, "=untrusted"));
        interrupter.Wait();
        return e;
    }

    [Theory]
    [InlineData(0)] // interpreted
    [InlineData(1)] // compiled: compiled loops leave for the interpreter, which raises it
    public void InterruptFromAnotherThreadStopsAnInfiniteLoop(int jitThreshold)
    {
        var (state, output) = NewState();
        state.JitThreshold = jitThreshold;
        // pcall catches it once, but the next instruction raises it again
        var e = InterruptWhileRunning(state,
            "local function spin() started() local n = 0 while true do n = n + 1 end end\n" +
            "print(pcall(spin))\n" +
            "print('unreachable')");
        // raised in spin at line 1, caught by pcall, raised again by the next instruction on line 2
        Assert.Equal("untrusted:2: stopped by the host", e.Value.ToString());
        Assert.DoesNotContain("unreachable", Printed(state, output));
        // it stays until the host clears it
        Assert.Throws<LuaException>(() => state.DoString("print('not yet')"));
        state.ClearInterrupt();
        state.DoString("print('runs again')");
        Assert.Equal("runs again\n", Printed(state, output));
    }

    [Fact]
    public void InterruptReachesCoroutinesAndPatternMatching()
    {
        var (state, _) = NewState();
        var e = InterruptWhileRunning(state, "coroutine.wrap(function() started() while true do end end)()");
        Assert.Contains("stopped by the host", e.Value.ToString());
        state.ClearInterrupt();
        e = InterruptWhileRunning(state, "started() return string.find(('a'):rep(40), ('a*'):rep(40) .. 'b')");
        Assert.EndsWith("stopped by the host", e.Value.ToString());
    }

    [Theory]
    [InlineData(0)] // interpreted
    [InlineData(1)] // compiled from the first call: compiled loops see the pending collection too
    public void MemoryBudgetStopsAGrowingTable(int jitThreshold)
    {
        var (state, output) = NewState();
        state.JitThreshold = jitThreshold;
        SetMemoryBudget(state, 64L << 20);
        state.DoString("""
            local ok, err = pcall(function()
              local t = {}
              for i = 1, 1e8 do t[i] = {i} end
            end)
            print(ok, err)
            collectgarbage()
            -- the state is usable again once the garbage is gone
            local small = {}
            for i = 1, 1000 do small[i] = i end
            print(#small)
            """, "=untrusted");
        Assert.Equal("false\tnot enough memory\n1000\n", Printed(state, output));
    }

    [Fact]
    public void MemoryBudgetRefusesHugeStringsUpFront()
    {
        var (state, output) = NewState();
        SetMemoryBudget(state, 32L << 20);
        state.DoString("""
            print(pcall(string.rep, "x", 100 * 2^20))
            local s = ("x"):rep(2^20)
            local ten = s:rep(10)
            print(pcall(function() return ten .. ten .. ten .. ten end))
            local parts = {}
            for i = 1, 40 do parts[i] = s end
            print(pcall(table.concat, parts))
            print(#s:rep(4))
            """, "=untrusted");
        Assert.Equal("false\tnot enough memory\nfalse\tnot enough memory\nfalse\tnot enough memory\n4194304\n", Printed(state, output));
    }
}

/// <summary>Runs <see cref="LimitsTests"/> with no other test at the same time.</summary>
[CollectionDefinition(nameof(LimitsTests), DisableParallelization = true)]
public sealed class LimitsTestsCollection;
