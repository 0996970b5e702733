using LuaVm;
using LuaVm.Runtime;
using Xunit;

namespace LuaConformance.Tests.Embedding;

/// <summary>
/// Memory counted per state (docs/embedding.md, "Limits for untrusted code"; docs/vm.md, "Counting
/// memory"): collectgarbage("count") and LuaState.MemoryLimit see what this state's Lua code
/// allocated and holds, not the process's heap, and a script over its budget fails within a
/// bounded amount of allocation. Every bound here is in bytes, never in time.
/// </summary>
public sealed class StateMemoryTests
{
    private const long MiB = 1 << 20;

    private static double CountKiB(LuaState state) => state.DoString("return collectgarbage('count')")[0].Num;

    /// <summary>A state holding 60 MB (57 MiB): 600 distinct strings of 100 KB.</summary>
    private static LuaState StateHolding60MiB()
    {
        var big = new LuaState();
        big.DoString("big = {} for i = 1, 600 do big[i] = ('x'):rep(100000) .. i end");
        Assert.True(CountKiB(big) > 57 * 1024, $"the big state counts {CountKiB(big)} KiB");
        return big;
    }

    [Fact]
    public void AStateWithABudgetRunsBesideAStateHolding60MiB()
    {
        var big = StateHolding60MiB();
        var sandbox = new LuaState { MemoryLimit = 32 * MiB };
        var results = sandbox.DoString("""
            local t = {}
            for i = 1, 10000 do t[i] = {i, tostring(i)} end
            local s = table.concat(t[500], ",")
            return #t, s, collectgarbage("count")
            """);
        Assert.Equal(10000, results[0].Num);
        Assert.Equal("500,500", results[1].ToString());
        // its own tables, about 2 MB, not the other state's 60 MiB
        Assert.True(results[2].Num < 4 * 1024, $"the sandbox counts {results[2].Num} KiB");
        Assert.True(CountKiB(big) > 57 * 1024);
        GC.KeepAlive(big);
    }

    [Fact]
    public void AStateCalledFromAnotherStatesFunctionIsCountedApart()
    {
        var big = StateHolding60MiB();
        var inner = new LuaState { MemoryLimit = 32 * MiB };
        double innerCount = 0;
        big.Register("runInner", call =>
        {
            // 8 MiB of garbage and 1 MiB kept, made by the inner state while the big one waits in this function
            innerCount = inner.DoString("""
                for i = 1, 1000 do local g = ('y'):rep(8192) .. i end
                kept = ('z'):rep(1024 * 1024)
                return collectgarbage("count")
                """)[0].Num;
            return 0;
        });
        double before = CountKiB(big);
        big.DoString("runInner()");
        double after = CountKiB(big);
        Assert.True(innerCount < 12 * 1024, $"the inner state counts {innerCount} KiB");
        Assert.True(innerCount > 1024, $"the inner state counts {innerCount} KiB, without the 1 MiB string it keeps");
        // what the inner state allocated is not the big state's
        Assert.True(after - before < 1024, $"the big state's count went from {before} to {after} KiB");
    }

    [Fact]
    public void AStateCalledBackByTheStateItCalledKeepsItsOwnCount()
    {
        var a = new LuaState();
        var b = new LuaState();
        a.Register("runB", call => { b.DoString("callA()"); return 0; });
        // B's function runs A's code again, inside A's own call to B: 2 MB made and kept there are A's
        b.Register("callA", call => { a.DoString("kept = {} for i = 1, 20000 do kept[i] = {i} end"); return 0; });
        double aBefore = CountKiB(a), bBefore = CountKiB(b);
        a.DoString("runB()");
        double aAfter = CountKiB(a), bAfter = CountKiB(b);
        Assert.True(aAfter - aBefore > 1500, $"A's count went from {aBefore} to {aAfter} KiB");
        Assert.True(bAfter - bBefore < 200, $"B's count went from {bBefore} to {bAfter} KiB");
    }

    [Theory]
    [InlineData(0)] // interpreted
    [InlineData(1)] // compiled from the first call
    public void AScriptOverItsBudgetFailsWithinASixteenthOfIt(int jitThreshold)
    {
        // a linked list: each node is a table with 8 numbers in its array part and "next" in its
        // hash part (64 bytes of table, 152 of array part, 96 of hash part), allocated once and
        // kept, so nearly everything allocated stays live and no big part is ever reallocated
        const string grow = """
            n = 0
            local ok, err = pcall(function()
              while true do
                head = {next = head, n, n, n, n, n, n, n, n}
                n = n + 1
              end
            end)
            return ok, err, n
            """;
        // the same run once under a small budget first: what the thread allocates only the first
        // time (the compiler's and the runtime's one-time set-up) is not counted below, whichever
        // test ran before this one
        new LuaState { JitThreshold = jitThreshold, MemoryLimit = MiB }.DoString(grow);
        var state = new LuaState { JitThreshold = jitThreshold, MemoryLimit = 16 * MiB };
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var results = state.DoString(grow);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.False(results[0].IsTruthy);
        Assert.Equal("not enough memory", results[1].ToString());
        long nodes = (long)results[2].Num * 312;
        // the budget was passed (the libraries and the chunk hold the rest)
        Assert.True(nodes + MiB / 4 > 16 * MiB, $"failed early, with {nodes} bytes of nodes");
        // and not by much: at most a sixteenth of the budget, one check interval (64 KiB) and
        // the few nodes made before the loop's next backward jump
        Assert.True(nodes <= 17 * MiB + 128 * 1024, $"failed late, with {nodes} bytes of nodes");
        // everything the thread allocated meanwhile, garbage included, is about that much
        Assert.True(allocated < 18 * MiB, $"allocated {allocated} bytes before failing");

        // pcall caught it; once the data is released the state runs normally again
        var again = state.DoString("""
            head = nil
            local small = {}
            for i = 1, 10000 do small[i] = {i} end
            return #small, collectgarbage("count")
            """);
        Assert.Equal(10000, again[0].Num);
        Assert.True(again[1].Num < 4 * 1024, $"the state counts {again[1].Num} KiB");
    }

    [Fact]
    public void ATableWhoseNextPartWouldNotFitFailsBeforeMakingIt()
    {
        var state = new LuaState { MemoryLimit = 16 * MiB };
        var results = state.DoString("""
            t = {}
            local ok, err = pcall(function() for i = 1, 1e9 do t[i] = i end end)
            return ok, err, #t
            """);
        Assert.False(results[0].IsTruthy);
        Assert.Equal("not enough memory", results[1].ToString());
        // 2^19 numbers fill 8 MiB of array part; the next one, 16 MiB, would pass the budget
        Assert.Equal(1 << 19, results[2].Num);
    }

    [Fact]
    public void ACoroutineIsCountedAsItsState()
    {
        var state = new LuaState { MemoryLimit = 8 * MiB };
        var results = state.DoString("""
            local co = coroutine.wrap(function()
              local t = {}
              for i = 1, 1e7 do
                t[i] = ("x"):rep(100) .. i
                if i % 1000 == 0 then coroutine.yield(i) end
              end
            end)
            local ok, err = pcall(function() while true do co() end end)
            return ok, err
            """);
        Assert.False(results[0].IsTruthy);
        // coroutine.wrap adds its caller's position to a string error, as lua5.1's does
        Assert.Equal("(string):8: not enough memory", results[1].ToString());
    }

    [Fact]
    public void HugeStringsFailBeforeTheyAreMade()
    {
        var state = new LuaState { MemoryLimit = 16 * MiB };
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var results = state.DoString("""
            local out = {}
            out[1] = select(2, pcall(string.rep, "x", 2^30))
            local s = ("x"):rep(2^20)
            out[2] = select(2, pcall(function() local parts = {} for i = 1, 64 do parts[i] = s end return table.concat(parts) end))
            out[3] = select(2, pcall(function() local d = s while true do d = d .. d end end))
            out[4] = select(2, pcall(function() local t = {} for i = 1, 1e9 do t[i] = i end end))
            return table.concat(out, "|"), #s:rep(4)
            """);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.Equal("not enough memory|not enough memory|not enough memory|not enough memory", results[0].ToString());
        Assert.Equal(4 * MiB, (long)results[1].Num);
        // the gigabyte string, the 64 MiB concatenation and the doubling string's and the array's
        // next steps were refused before they were allocated: what was allocated is what fit
        Assert.True(allocated < 64 * MiB, $"allocated {allocated} bytes");
    }

    [Fact]
    public void StringsGrowingInALoopFailWithTheLuaError()
    {
        var state = new LuaState { MemoryLimit = 8 * MiB };
        var results = state.DoString("""
            local kept = {}
            local ok, err = pcall(function()
              local s = ""
              for i = 1, 1e7 do
                s = s .. "abcdefgh"
                if #s >= 4096 then kept[#kept + 1] = s s = "" end
              end
            end)
            kept = nil
            collectgarbage()
            return ok, err, collectgarbage("count")
            """);
        Assert.False(results[0].IsTruthy);
        Assert.Equal("not enough memory", results[1].ToString());
        Assert.True(results[2].Num < 1024, $"after releasing everything the state counts {results[2].Num} KiB");
    }

    [Fact]
    public void TheCountFollowsWhatTheStateHolds()
    {
        var state = new LuaState();
        var results = state.DoString("""
            collectgarbage()
            local empty = collectgarbage("count")
            local t = {}
            for i = 1, 1000 do t[i] = ("x"):rep(1000) .. i end
            collectgarbage()
            local full = collectgarbage("count")
            t = nil
            collectgarbage()
            return empty, full, collectgarbage("count")
            """);
        double empty = results[0].Num, full = results[1].Num, released = results[2].Num;
        // 1000 strings of 1004 bytes: about 1 MB more while they are held, and back after
        Assert.InRange(full - empty, 1000, 1200);
        Assert.InRange(released - empty, -50, 50);
    }

    [Fact]
    public async Task ABudgetSetFromAnotherThreadWhileTheStateRunsTakesEffect()
    {
        var state = new LuaState();
        using var started = new ManualResetEventSlim();
        using var limitSet = new ManualResetEventSlim();
        state.Register("started", call => { started.Set(); return 0; });
        // a bounded wait: should the budget never come, the tables below are made and the asserts fail
        state.Register("waitForLimit", call => { limitSet.Wait(TimeSpan.FromMinutes(2)); return 0; });
        var setter = Task.Run(() =>
        {
            if (!started.Wait(TimeSpan.FromMinutes(2))) return;
            state.MemoryLimit = 16 * MiB;
            limitSet.Set();
        });
        // waits for the budget, then makes about 100 MB of tables: only the budget stops it
        var results = state.DoString("""
            started()
            waitForLimit()
            local t = {}
            return pcall(function() for i = 1, 1e6 do t[i] = {i, i, i, i} end end)
            """);
        await setter;
        Assert.False(results[0].IsTruthy);
        Assert.Equal("not enough memory", results[1].ToString());
    }

    [Fact]
    public async Task AnAsyncScriptIsCountedOnEveryThreadItContinuesOn()
    {
        var state = new LuaState { MemoryLimit = 8 * MiB };
        // each await continues the script on a pool thread: every part of it is the state's
        state.RegisterAsync("pause", async (args, ct) =>
        {
            await Task.Yield();
            return [];
        });
        var results = await state.DoStringAsync("""
            local t = {}
            return pcall(function()
              for i = 1, 1e6 do
                t[i] = {i, i, i, i}
                if i % 1000 == 0 then pause() end
              end
            end)
            """);
        Assert.False(results[0].IsTruthy);
        Assert.Equal("not enough memory", results[1].ToString());
    }

    [Fact]
    public void ADelegateOfALuaFunctionCalledByTheHostIsCountedAndBudgeted()
    {
        var state = new LuaState { MemoryLimit = 8 * MiB };
        state.DoString("t = {} function grow(n) for i = 1, n do t[#t + 1] = {i, i, i, i} end return #t end");
        var grow = state.CreateDelegate<Func<double, double>>(state.Globals["grow"]);
        // called by C# with no Lua code running: 10,000 small tables (1.2 MB) are the state's
        double before = CountKiB(state);
        Assert.Equal(10000, grow(10000));
        Assert.InRange(CountKiB(state) - before, 1000, 2000);
        var e = Assert.Throws<LuaException>(() => grow(1e6));
        Assert.Equal("not enough memory", e.Value.ToString());
    }

    [Fact]
    public void ABudgetSetBelowWhatTheHostPutInTheStateFailsItsNextScript()
    {
        var state = new LuaState();
        state.DoString("data = {} for i = 1, 100000 do data[i] = {i} end"); // about 10 MB
        state.MemoryLimit = 4 * MiB;
        var results = state.DoString("return pcall(function() local t = {} for i = 1, 1e6 do t[i] = i end end)");
        Assert.Equal("not enough memory", results[1].ToString());
        state.DoString("data = nil");
        state.DoString("local t = {} for i = 1, 1000 do t[i] = {i} end");
    }
}
