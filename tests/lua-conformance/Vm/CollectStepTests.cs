using LuaVm;
using Xunit;

namespace LuaConformance.Tests.Vm;

/// <summary>
/// collectgarbage("step") emulates lua5.1's incremental cycle (Vm/GarbageCollector.cs): a cycle
/// is as long as what the state has in use asks, as lua5.1's is (about 0.6 basic steps per KiB:
/// 10 on an empty state, 6,400 with 10 MB live), so a program stepping once per frame over a
/// large heap does not collect fully every few frames. Counts of steps only, never times.
/// </summary>
public sealed class CollectStepTests
{
    private const string StepsToFinishACycle = """
        local function steps(size)
          collectgarbage()
          local n = 0
          repeat n = n + 1 until collectgarbage("step", size) or n > 1000000
          return n
        end
        """;

    [Fact]
    public void ACycleIsAsLongAsWhatIsInUseAsks()
    {
        var state = new LuaState();
        var r = state.DoString(StepsToFinishACycle + "\n" + """
            local empty = steps(0)
            live = {}
            for i = 1, 100000 do live[i] = {i} end
            local large = steps(0)
            return empty, large, collectgarbage("count")
            """);
        double empty = r[0].Num, large = r[1].Num, kib = r[2].Num;
        Assert.InRange(empty, 10, 200);
        Assert.True(kib > 5 * 1024, $"100,000 tables count {kib} KiB");
        // lua5.1: 6,394 steps with 9.9 MB in use
        Assert.InRange(large, kib * 0.3, kib * 1.2);
    }

    [Fact]
    public void LargerStepsFinishACycleInFewerCalls()
    {
        var state = new LuaState();
        var r = state.DoString(StepsToFinishACycle + "\n" + """
            live = {}
            for i = 1, 10000 do live[i] = {i} end
            return steps(2), steps(6), steps(10000), collectgarbage("step", 1000000)
            """);
        Assert.True(r[1].Num < r[0].Num, $"steps of 6 KiB: {r[1].Num}, of 2 KiB: {r[0].Num}");
        Assert.Equal(1, r[2].Num);
        Assert.True(r[3].IsTruthy);
    }
}
