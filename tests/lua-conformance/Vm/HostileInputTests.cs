using LuaVm;
using LuaVm.Runtime;
using Xunit;

namespace LuaConformance.Tests.Vm;

/// <summary>
/// Hostile programs: each must end in a clear Lua error (or run as lua5.1 runs it) and leave the
/// process and the state usable. A .NET stack overflow would kill the test host, so a passing
/// run also shows that none happened. Expected messages are lua5.1's where it has one.
/// </summary>
public sealed class HostileInputTests
{
    /// <summary>Runs a chunk in a fresh state and returns what it printed; any non-Lua exception fails the test.</summary>
    private static string Run(string code)
    {
        var state = new LuaState();
        var output = new MemoryStream();
        state.StdOut = output;
        state.DoString(code, "=test");
        // the state still works afterwards
        Assert.Equal(3.0, state.DoString("return 1 + 2")[0].Num);
        state.StdOut.Flush();
        return System.Text.Encoding.Latin1.GetString(output.ToArray());
    }

    [Fact]
    public void UnboundedRecursionIsStackOverflow() =>
        Assert.Equal("false\ttest:1: stack overflow\n", Run("local function f() return 1 + f() end print(pcall(f))"));

    [Fact]
    public void RecursionThroughPcallEnds()
    {
        // every level catches the overflow of the next one: the outermost pcall succeeds
        Assert.Equal("true\n", Run("local function f() return pcall(f) end print((f()))"));
    }

    [Theory]
    [InlineData("local t = setmetatable({}, {__index = function(t, k) return t[k] end}) return t.x")]
    [InlineData("local t = setmetatable({}, {__newindex = function(t, k, v) t[k] = v end}) t.x = 1")]
    [InlineData("local t = setmetatable({}, {__add = function(a, b) return a + b end}) return t + 1")]
    [InlineData("local t = setmetatable({}, {__concat = function(a, b) return a .. b end}) return t .. 'x'")]
    [InlineData("local t = setmetatable({}, {__lt = function(a, b) return a < b end}) return t < t")]
    [InlineData("local t = setmetatable({}, {__tostring = function(o) return tostring(o) end}) return tostring(t)")]
    [InlineData("local function g(s) return (s:gsub('.', g)) end return g('ab')")]
    [InlineData("local function c(a, b) table.sort({3, 2, 1}, c) return a < b end table.sort({3, 2, 1}, c)")]
    [InlineData("local function r() return coroutine.wrap(r)() end return r()")]
    public void RecursionThroughMetamethodsAndCallbacksIsCStackOverflow(string code)
    {
        string output = Run($"print(pcall(function() {code} end))");
        Assert.StartsWith("false\t", output);
        Assert.Contains("stack overflow", output);
    }

    [Fact]
    public void HugeStringsAreNotEnoughMemory()
    {
        // the count is a C int, as in lua5.1 (2^31 is negative there: ""); 2^31 - 1 bytes is past .NET's largest array
        Assert.Equal("false\tnot enough memory\n", Run("print(pcall(string.rep, 'x', 2^31 - 1))"));
        Assert.Equal("true\t\n", Run("print(pcall(string.rep, 'x', 2^31))"));
        // the lengths are checked before anything is allocated
        Assert.Equal("false\ttest:1: string length overflow\n", Run("print(pcall(function() local s = ('x'):rep(2^28) return s .. s .. s .. s .. s .. s .. s .. s end))"));
        Assert.Equal("false\tnot enough memory\n", Run("local s = ('x'):rep(2^28) print(pcall(table.concat, {s, s, s, s, s, s, s, s}))"));
        Assert.Equal("false\tnot enough memory\n", Run("print(pcall(string.rep, ('x'):rep(2^20), 2^11))"));
    }

    [Fact]
    public void HugeTableConstructorRuns() =>
        Assert.Equal("1000000\n", Run("print(#loadstring('return {' .. ('1,'):rep(1e6) .. '}')())"));

    [Fact]
    public void TooManyConstantsIsACompileError()
    {
        string output = Run("""
            local parts = {} for i = 1, 300000 do parts[i] = "'s" .. i .. "'" end
            print(loadstring("return {" .. table.concat(parts, ",") .. "}"))
            """);
        Assert.StartsWith("nil\t", output);
        Assert.Contains("constant table overflow", output);
    }

    [Theory]
    [InlineData("'return ' .. ('('):rep(1e5) .. '1' .. (')'):rep(1e5)")]
    [InlineData("('do '):rep(1e5) .. ('end '):rep(1e5)")]
    [InlineData("'return ' .. ('{'):rep(1e5) .. ('}'):rep(1e5)")]
    [InlineData("('local f = function() '):rep(1e4) .. ('end '):rep(1e4)")]
    [InlineData("'x = ' .. ('- '):rep(1e5) .. '1'")]
    [InlineData("('if x then '):rep(1e5) .. ('end '):rep(1e5)")]
    public void DeepNestingIsTooManySyntaxLevels(string source)
    {
        string output = Run($"print(loadstring({source}))");
        Assert.StartsWith("nil\t", output);
        Assert.Contains("chunk has too many syntax levels", output);
    }

    [Fact]
    public void CountHookStopsAnInfiniteLoop() =>
        Assert.Equal("false\ttest:1: budget\n", Run("debug.sethook(function() error('budget') end, '', 1e5) print(pcall(function() while true do end end))"));

    [Fact]
    public void CountHookStopsCatastrophicBacktracking()
    {
        // lua5.1 never calls hooks inside C functions, so this match would run for ages there;
        // Kraken charges the matcher's steps to the count hook.
        string output = Run("""
            debug.sethook(function() error('budget') end, '', 1e6)
            print(pcall(string.find, ('a'):rep(40), ('a*'):rep(40) .. 'b'))
            debug.sethook()
            print(string.find(('a'):rep(10), ('a*'):rep(10) .. 'b'))
            """);
        Assert.Equal("false\ttest:1: budget\nnil\n", output);
    }

    [Fact]
    public void BinaryGarbageNeverCrashesTheLoader()
    {
        // Random bytes, and a real dumped chunk with random damage: each load ends in a function
        // or an error message; a function that loads runs under an instruction budget.
        string output = Run("""
            math.randomseed(42)
            local good = string.dump(function(a, b)
              local t = {a, b, "x"}
              for i = 1, #t do t[i] = tostring(t[i]) .. i end
              return table.concat(t, ",")
            end)
            local loaded, failed = 0, 0
            for n = 1, 3000 do
              local bytes = {}
              if n % 3 == 0 then
                for i = 1, math.random(0, 200) do bytes[i] = string.char(math.random(0, 255)) end
                bytes = "\27Lua" .. table.concat(bytes)
              else
                for i = 1, #good do bytes[i] = good:sub(i, i) end
                for _ = 1, math.random(1, 8) do
                  bytes[math.random(1, #good)] = string.char(math.random(0, 255))
                end
                bytes = table.concat(bytes)
                if n % 5 == 0 then bytes = bytes:sub(1, math.random(1, #bytes)) end
              end
              local f, err = loadstring(bytes)
              if f then
                loaded = loaded + 1
                debug.sethook(function() error("budget") end, "", 1e4)
                pcall(f, 1, 2)
                debug.sethook()
              else
                assert(type(err) == "string")
                failed = failed + 1
              end
            end
            print(loaded + failed)
            """);
        Assert.Equal("3000\n", output);
    }
}
