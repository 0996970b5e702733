using LuaVm;
using Xunit;

namespace LuaConformance.Tests.Library.Lpeg;

/// <summary>
/// Patterns and subjects a hostile program can build: they must end in a result or a Lua error,
/// never a .NET stack overflow, an out-of-memory or a hang, even on a thread with little stack.
/// </summary>
public sealed class LpegHostileTests
{
    /// <summary>Runs <paramref name="script"/> (which returns a string) in a state with the built-in modules, on a thread with the given stack.</summary>
    private static string Run(string script, int stackBytes = 16 * 1024 * 1024)
    {
        string? result = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                var state = new LuaState();
                LuaModules.BuiltinModules.AddTo(state);
                result = state.DoString(script)[0].ToString();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, stackBytes);
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromMinutes(5)), "the script did not finish");
        Assert.Null(failure);
        return result!;
    }

    [Fact]
    public void DeeplyNestedCapturesEndInALuaError()
    {
        const string script = """
            local m = require "lpeg"
            local p = m.P"a"
            for _ = 1, 200000 do p = m.C(p) end
            local ok, err = pcall(m.match, p, "a")
            return tostring(ok) .. " " .. tostring(err)
            """;
        string r = Run(script, 512 * 1024);
        Assert.StartsWith("false ", r);
        Assert.True(r.Contains("pattern too complex") || r.Contains("subcapture nesting too deep"), r);
    }

    [Fact]
    public void SequencesAndChoicesBuiltInALoopMatch()
    {
        const string script = """
            local m = require "lpeg"
            local s, c = m.P"a", m.P"x"
            for i = 1, 100000 do s = s * "b"; c = c + m.P("k" .. i .. ";") end
            return m.match(s, "a" .. string.rep("b", 100000)) .. " " .. m.match(c, "k99999;")
            """;
        Assert.Equal("100002 8", Run(script));
    }

    [Fact]
    public void DeepTreesOnASmallStackAreWalkedOnALargerOne()
    {
        // 100,000 nested predicates need far more than the 256 KB stack the script runs on:
        // the compiler's walk moves to a thread with a large stack
        const string script = """
            local m = require "lpeg"
            local p = m.P"a"
            for _ = 1, 100000 do p = #p end
            m.setmaxstack(1000000) -- each predicate keeps a backtrack entry while it runs
            local ok, r = pcall(m.match, p * "a", "a")
            return tostring(ok) .. " " .. tostring(r)
            """;
        Assert.Equal("true 2", Run(script, 256 * 1024));
    }

    [Fact]
    public void HugeRepetitionsEndInALuaError()
    {
        const string script = """
            local m = require "lpeg"
            local a, e1 = pcall(function () return m.P(1)^-2000000000 end)
            local b, e2 = pcall(function () return ((m.P"ab" + "c")^3000)^3000 end)
            local c, e3 = pcall(function () return m.P"a"^0^0 end)
            return table.concat({ tostring(a), e1, tostring(b), e2, tostring(c) }, "|")
            """;
        Assert.Equal("false|[string \"=(string)\"]:2: pattern too large|false|[string \"=(string)\"]:3: pattern too large|true"
            .Replace("[string \"=(string)\"]", "(string)"), Run(script));
    }

    [Fact]
    public void DeepRecursionOverflowsTheBacktrackStack()
    {
        const string script = """
            local m = require "lpeg"
            local nest = m.P{ "(" * m.V(1)^-1 * ")" }
            local deep = string.rep("(", 1000000) .. string.rep(")", 1000000)
            local ok1, e1 = pcall(m.match, nest, deep)
            m.setmaxstack(100000000)
            local r2 = m.match(nest, deep)
            local ok3, e3 = pcall(m.match, m.P{ m.C("(" * m.V(1)^-1 * ")") }, deep)
            return table.concat({ tostring(ok1), e1, tostring(r2), tostring(ok3), e3 }, "|")
            """;
        Assert.Equal("false|backtrack stack overflow (current limit is 400)|2000001|false|subcapture nesting too deep", Run(script));
    }

    [Fact]
    public void GrammarsThatWouldLoopForeverAreRejected()
    {
        const string script = """
            local m = require "lpeg"
            local _, e1 = pcall(m.P, { m.V(1) * "a" })
            local _, e2 = pcall(m.P, { "s", s = m.P"a"^-1 * m.V"s" })
            local _, e3 = pcall(m.P, { m.V(2)^0, m.P"" })
            local _, e4 = pcall(function () return (m.P"a"^-1)^1 end)
            return table.concat({ e1, e2, e3, e4 }, "|")
            """;
        Assert.Equal("rule '1' may be left recursive|rule 's' may be left recursive|empty loop in rule '1'|(string):5: loop body may accept empty string",
            Run(script));
    }

    [Fact]
    public void MatchTimeCapturesCannotBreakTheMachine()
    {
        const string script = """
            local m = require "lpeg"
            -- too many values (from a function that returns thousands of them)
            local lots = string.rep("x", 20000)
            local many = m.Cmt(m.P"a", function () return true, string.byte(lots, 1, -1) end)
            local _, e1 = pcall(m.match, many, "a")
            e1 = tostring(e1):match("too many") or e1
            -- an error inside propagates as the function's own error
            local _, e2 = pcall(m.match, m.Cmt(m.P"a", function () error("mine", 0) end), "a")
            -- re-entrant matching from inside a match
            local inner = m.C(m.R"az"^1)
            local outer = m.Cmt(m.P(1)^1, function (s, i) return i, m.match(inner, s, 1) end)
            local r3 = m.match(outer, "hello")
            -- a position out of the subject
            local _, e4 = pcall(m.match, m.Cmt(m.P"a", function () return 100 end), "a")
            return table.concat({ e1, e2, r3, e4 }, "|")
            """;
        Assert.Equal("too many|mine|hello|invalid position returned by match-time capture", Run(script));
    }

    [Fact]
    public void ExponentialBacktrackingCountsTowardTheInstructionBudget()
    {
        // the budget's error is not caught by pcall: it ends the script
        var state = new LuaState();
        LuaModules.BuiltinModules.AddTo(state);
        state.InstructionLimit = 10_000_000;
        var e = Assert.Throws<LuaVm.Runtime.LuaException>(() => state.DoString("""
            local m = require "lpeg"
            local p = m.P{ "S", S = "a" * m.V"S" * "b" + "a" * m.V"S" * "c" + "a" }
            m.setmaxstack(100000)
            return m.match(p, string.rep("a", 60) .. "d")
            """));
        Assert.Contains("instruction budget exceeded", e.Message);
    }
}
