using LuaVm;
using LuaVm.Runtime;
using Xunit;

namespace LuaConformance.Tests.Embedding;

/// <summary>Budgets for untrusted code: instructions and memory.</summary>
public sealed class LimitsTests
{
    [Fact]
    public void InstructionBudgetStopsAnInfiniteLoop()
    {
        var lua = LuaState.CreateSandbox();
        lua.InstructionBudget = 100_000;
        var e = Assert.Throws<LuaException>(() => lua.DoString("local n = 0\nwhile true do n = n + 1 end", "=loop"));
        Assert.Equal("loop:2: instruction budget exceeded", e.Message);
        Assert.True(lua.InstructionBudgetExceeded);
        Assert.Equal(0L, lua.InstructionBudget);
        // a new budget makes the state usable again
        lua.InstructionBudget = 1000;
        Assert.Equal(3.0, lua.DoString("return 1 + 2")[0].ToDouble());
        Assert.False(lua.InstructionBudgetExceeded);
        Assert.True(lua.InstructionBudget is > 0 and < 1000);
        lua.InstructionBudget = null;
        Assert.Null(lua.InstructionBudget);
    }

    [Fact]
    public void PcallCannotSwallowTheSpentBudget()
    {
        var lua = LuaState.CreateSandbox();
        lua.InstructionBudget = 50_000;
        var e = Assert.Throws<LuaException>(() => lua.DoString("""
            while true do
              local ok = pcall(function() while true do end end)
              after_pcall = true
            end
            """, "=stubborn"));
        Assert.EndsWith("instruction budget exceeded", e.Message);
        Assert.True(lua.GetGlobal("after_pcall").IsNil); // no Lua code ran after the budget was spent
    }

    [Fact]
    public void CoroutinesAndDebugHooksShareTheBudget()
    {
        var lua = new LuaState(); // debug included: debug.sethook must not remove the budget
        lua.InstructionBudget = 100_000;
        Assert.Throws<LuaException>(() => lua.DoString("coroutine.wrap(function() while true do end end)()"));
        lua.InstructionBudget = 100_000;
        var e = Assert.Throws<LuaException>(() => lua.DoString("debug.sethook() while true do end", "=unhook"));
        Assert.Equal("unhook:1: instruction budget exceeded", e.Message);
        lua.InstructionBudget = 100_000;
        // the debug count hook still works alongside, and debug.gethook does not see the budget
        var r = lua.DoString("""
            local before = debug.gethook()
            local n = 0
            debug.sethook(function() n = n + 1 end, "", 10)
            for i = 1, 100 do end
            debug.sethook()
            return before, n > 0, debug.gethook()
            """);
        Assert.True(r[0].IsNil);
        Assert.True(r[1].ToBoolean());
        Assert.True(r[2].IsNil);
    }

    [Fact]
    public void MemoryBudgetStopsAGrowingTableAndTheStateLivesOn()
    {
        var lua = LuaState.CreateSandbox();
        lua.MemoryBudget = 32L << 20;
        var e = Assert.Throws<LuaException>(() => lua.DoString("local t = {} for i = 1, 1e8 do t[i] = {i} end"));
        Assert.Equal("not enough memory", e.Message);
        // as in lua5.1 (checked with ulimit -v): pcall catches it, with the same message
        var r = lua.DoString("local ok, err = pcall(function() local t = {} while true do t[#t + 1] = {} end end) return ok, err");
        Assert.False(r[0].ToBoolean());
        Assert.Equal("not enough memory", r[1].ToUtf8String());
        // the garbage is gone: ordinary code runs again in the same state
        Assert.Equal("ok", lua.DoString("local t = {} for i = 1, 1000 do t[i] = i end return #t == 1000 and 'ok'")[0].ToUtf8String());
        Assert.Equal(32L << 20, lua.MemoryBudget);
    }

    [Fact]
    public void HugeStringsAreRefusedUpFront()
    {
        var lua = LuaState.CreateSandbox();
        lua.MemoryBudget = 64L << 20; // generous: the heap is shared with the tests running alongside
        // lua5.1 under ulimit -v gives these same results
        var r = lua.DoString("""
            local s = string.rep("x", 1e6)
            local ok1, e1 = pcall(string.rep, "x", 1e8)
            local ok2, e2 = pcall(function() return s .. string.rep(s, 40) .. s end)
            local parts = {} for i = 1, 80 do parts[i] = s end
            local ok3, e3 = pcall(table.concat, parts)
            return e1, e2, e3
            """);
        Assert.Equal("not enough memory", r[0].ToUtf8String());
        Assert.Equal("not enough memory", r[1].ToUtf8String());
        Assert.Equal("not enough memory", r[2].ToUtf8String());
    }
}
