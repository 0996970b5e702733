using LuaVm;
using LuaVm.Runtime;
using Xunit;

namespace LuaConformance.Tests.Vm;

/// <summary>
/// The compiling tier (src/LuaVm/Jit): what the golden cases run with JitThreshold = 1 cannot
/// show. Each script runs interpreted (threshold 0) and compiled at once (threshold 1), and both
/// must print the same, expected, text.
/// </summary>
public sealed class JitTests
{
    private static string Run(string script, int jitThreshold, Action<LuaState>? setUp = null)
    {
        var state = new LuaState { JitThreshold = jitThreshold };
        var output = new MemoryStream();
        state.StdOut = output;
        LuaVm.Library.IoLibrary.Open(state);
        setUp?.Invoke(state);
        string error = "";
        try
        {
            state.DoString(script, "=jit");
        }
        catch (LuaException e)
        {
            error = "error: " + e.Message + "\n";
        }
        state.StdOut.Flush();
        return System.Text.Encoding.Latin1.GetString(output.ToArray()) + error;
    }

    private static void BothTiersPrint(string expected, string script, Action<LuaState>? setUp = null) =>
        ThresholdsPrint(expected, script, [0, 1], setUp);

    /// <summary>The script prints <paramref name="expected"/> with each of these thresholds (above 1, calls are noted and inlined).</summary>
    private static void ThresholdsPrint(string expected, string script, int[] thresholds, Action<LuaState>? setUp = null) =>
        Assert.All(thresholds, threshold => Assert.Equal(expected, Run(script, threshold, setUp)));

    [Fact]
    public void AHotFunctionIsCompiledAfterTheThreshold()
    {
        var state = new LuaState { JitThreshold = 10 };
        state.DoString("function f(x) return x + 1 end");
        var f = (LuaClosure)state.Globals.Get("f").Obj!;
        state.DoString("for i = 1, 5 do f(i) end");
        Assert.Null(f.Proto.Compiled);
        state.DoString("for i = 1, 20 do f(i) end");
        Assert.NotNull(f.Proto.Compiled);
    }

    [Theory]
    [InlineData("local n = 0 repeat n = n + 1 until n == 100 return n")] // EQ jumps back
    [InlineData("local n = 0 repeat n = n + 1 until n >= 100 return n")] // LE
    [InlineData("local n, go = 0, true repeat n = n + 1 go = n < 100 until not go return n")] // TEST
    [InlineData("local n = 0 while true do n = n + 1 if n >= 100 then break end end return n")] // JMP
    public void ALoopWhoseBackwardJumpIsATestIsCompiledToo(string body)
    {
        // called once: only its loop's backward jumps can make it hot (a server's handler runs like this)
        var state = new LuaState { JitThreshold = 10 };
        state.DoString("function f() " + body + " end");
        var f = (LuaClosure)state.Globals.Get("f").Obj!;
        Assert.Equal(100.0, state.DoString("return f()")[0].Num);
        Assert.NotNull(f.Proto.Compiled);
    }

    [Fact]
    public void ThresholdZeroNeverCompiles()
    {
        var state = new LuaState { JitThreshold = 0 };
        state.DoString("function f(x) return x + 1 end for i = 1, 5000 do f(i) end");
        Assert.Null(((LuaClosure)state.Globals.Get("f").Obj!).Proto.Compiled);
    }

    [Fact]
    public void AHookSetFromACompiledLoopStopsIt() => BothTiersPrint(
        "false\tjit:1: stopped\n",
        "local n = 0 " +
        "local function arm() debug.sethook(function() error('stopped') end, '', 100) end " +
        "local function spin() while true do n = n + 1 if n == 5000 then arm() end end end " +
        "print(pcall(spin))");

    [Fact]
    public void AnInstructionBudgetStopsCompiledCode() => BothTiersPrint(
        "error: jit:1: instruction budget exceeded\n",
        "local function spin() local n = 0 while true do n = n + 1 end end spin()",
        state => state.InstructionLimit = 100_000);

    [Fact]
    public void CollectgarbageInCompiledCodeClearsWeakEntriesAtOnce() => BothTiersPrint(
        "1\t0\n",
        "local weak = setmetatable({}, {__mode = 'k'}) " +
        "local function fill() weak[{}] = true end " +
        "local function count() local n = 0 for _ in pairs(weak) do n = n + 1 end return n end " +
        "fill() local before = count() collectgarbage() print(before, count())");

    [Fact]
    public void DeepRecursionThroughDirectCallsEndsInALuaError() => BothTiersPrint(
        "15000\nfalse\tjit:1: stack overflow\n",
        "local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end " +
        "print(depth(15000)) " +
        "local function forever() return 1 + forever() end print(pcall(forever))");

    [Fact]
    public void CompiledCodeInACoroutineYieldsFromAnyDepth() => BothTiersPrint(
        "1\t2\t3\t4\t5\tdone\n",
        "local function inner(i) coroutine.yield(i) return i end " +
        "local function outer(n) for i = 1, n do inner(i) end return 'done' end " +
        "local co = coroutine.wrap(outer) local out = {} " +
        "for i = 1, 6 do out[#out + 1] = co(5) end print(unpack(out))");

    [Fact]
    public void ErrorsInCompiledCodeKeepTheirPosition() => BothTiersPrint(
        "false\tjit:1: attempt to perform arithmetic on local 'x' (a nil value)\n",
        "local function add(x) return x + 1 end " +
        "local function call() local r = add(nil) return r end " +
        "print(pcall(call))");

    [Fact]
    public void TracebacksFromCompiledCodeAreTheInterpretersTracebacks()
    {
        const string script =
            "local function inner() print(debug.traceback('here')) end " +
            "local function middle() inner() return 1 end " +
            "local function outer() for i = 1, 2 do middle() end end outer()";
        string interpreted = Run(script, jitThreshold: 0);
        Assert.Contains("in function 'middle'", interpreted);
        Assert.Equal(interpreted, Run(script, jitThreshold: 1));
    }

    // ---- inlining (Jit/Inlining.cs): only with a threshold above 1, which leaves calls to note ----

    /// <summary>A state with a threshold of 10 that ran <paramref name="script"/>, which defines a global f(n), and f.</summary>
    /// <summary>
    /// The script defines a global f(n), compiled at a threshold of 10: f(100) returns
    /// <paramref name="at100"/>, f's code then inlined <paramref name="inlined"/> bodies, and
    /// f(1000), when given, returns <paramref name="at1000"/> (the inlined code running).
    /// </summary>
    private static void InlinesAndComputes(string script, int inlined, double at100, double? at1000 = null)
    {
        var state = new LuaState { JitThreshold = 10 };
        state.DoString(script);
        var f = (LuaClosure)state.Globals.Get("f").Obj!;
        Assert.Equal(at100, state.DoString("return f(100)")[0].Num);
        Assert.Equal(inlined, f.Proto.InlinedCalls);
        if (at1000 is { } expected) Assert.Equal(expected, state.DoString("return f(1000)")[0].Num);
    }

    [Fact]
    public void SmallFunctionsAreInlinedWhereTheyWereTheOnesCalled()
    {
        InlinesAndComputes(
            "local function leaf(x) return x + 1 end " +
            "local function other(x) return x * 2 end " +
            "local fours = {leaf, other, function(x) return x - 1 end, function(x) return 3 end} " +
            "local function caller(x) return leaf(x) end " + // inlined with leaf inside it
            "function f(n) local s = 0 for i = 1, n do " +
            "  s = s + leaf(i) " + // one function: inlined
            "  local g = i % 2 == 0 and leaf or other; s = s + g(i) " + // two: both inlined
            "  s = s + fours[i % 4 + 1](i) " + // four: none
            "  s = s + caller(i) " +
            "end return s end",
            inlined: 5, at100: 22975, at1000: 2254750);
    }

    [Fact]
    public void InlinedBodiesInlineTheSmallFunctionsTheyCall()
    {
        InlinesAndComputes(
            "local V = {} V.__index = V " +
            "local function new(x, y) return setmetatable({x = x, y = y}, V) end " +
            "function V:scaled(k) return new(self.x * k, self.y * k) end " +
            "function V:len2() return self.x * self.x + self.y * self.y end " +
            "function V:norm2k(k) local s = self:scaled(k); return s:len2() end " +
            "function f(n) local t = 0 for i = 1, n do t = t + new(i, 1):norm2k(2) end return t end",
            // new, and norm2k with scaled (with new) and len2 inside it
            inlined: 5, at100: 1353800);
    }

    [Fact]
    public void ASmallFunctionThatMakesOtherCallsIsInlinedWithItsFrameMadeWhenItCalls()
    {
        InlinesAndComputes(
            "local cache = {} " +
            "local function slow(k) local s = 0 for j = 1, k do s = s + j end return s end " + // loops: not inlined
            "local function memo(k) local v = cache[k]; if v == nil then v = slow(k); cache[k] = v end return v end " +
            "function f(n) local t = 0 for i = 1, n do t = t + memo(i % 10) end return t end",
            inlined: 1, at100: 1650, at1000: 16500);
    }

    [Fact]
    public void AnErrorInACallMadeFromAnInlinedBodyShowsTheBodysFrame()
    {
        const string script =
            "local cache = {} " +
            "local function slow(k) local s = 0 for j = 1, k do s = s + j end return s end " +
            "local function memo(k) local v = cache[k]; if v == nil then v = slow(k); cache[k] = v end return v end " +
            "local function run(n) local t = 0 for i = 1, n do t = t + memo(i == n and 'x' or i % 10) end return t end " +
            "print(select(2, xpcall(function() return run(500) end, debug.traceback)))";
        string interpreted = Run(script, jitThreshold: 0);
        Assert.Contains("in function 'memo'", interpreted);
        Assert.Contains("'for' limit must be a number", interpreted);
        Assert.Equal(interpreted, Run(script, jitThreshold: 10));
    }

    [Fact]
    public void AVarargFunctionCalledWithCountedArgumentsIsInlined()
    {
        InlinesAndComputes(
            "local C = {} C.__index = C " +
            "function C:init(a, b) self.a = a; self.b = b or 0 end " +
            "C.new = function(...) local o = setmetatable({}, C); o:init(...); return o end " +
            "function f(n) local t = 0 for i = 1, n do local o = C.new(i, 1); t = t + o.a + o.b end return t end",
            // new, and init inside it
            inlined: 2, at100: 5150);
    }

    [Fact]
    public void AVarargFunctionCalledWithArgumentsEndingAtTopIsInlined()
    {
        InlinesAndComputes(
            "local Counter = {} Counter.__index = Counter " +
            "function Counter:on(x, y) self.n = self.n + x * (y or 1) end " +
            "local function bind(o, m) return function(...) return o[m](o, ...) end end " +
            "local c = setmetatable({n = 0}, Counter) " +
            "local listener = bind(c, 'on') " +
            "local function emit(...) listener(...) end " +
            "function f(n) for i = 1, n do emit(i, 2) end return c.n end",
            // emit, the bound listener inside it (its arguments end at Top), and the method it tail-calls
            inlined: 3, at100: 10100, at1000: 10100 + 1001000);
    }

    [Fact]
    public void AVarargBodyInlinedWithMoreArgumentsThanItTakesMakesTheOrdinaryCall()
    {
        const string script =
            "local function count(...) local n = 0 for i = 1, select('#', ...) do if select(i, ...) then n = n + 1 end end return n end " +
            "local function tally(...) return select('#', ...), count(...) end " +
            "local function run(...) return tally(...) end " +
            "local a, b = 0, 0 " +
            "for i = 1, 300 do " +
            "  local x, y = run(1, nil, 3, i % 2 == 0 and 4 or nil) " +
            "  local z, w = run(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, nil, i) " +
            "  a = a + x + z; b = b + y + w " +
            "end " +
            "print(a, b)";
        ThresholdsPrint("5100\t4350\n", script, [0, 1, 10]);
    }

    [Fact]
    public void ARecursiveFunctionInlinesItselfOnce()
    {
        // 100: the first 20 calls descend through the first call only; the second runs after
        var state = new LuaState { JitThreshold = 100 };
        state.DoString("function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end");
        Assert.Equal(6765.0, state.DoString("return fib(20)")[0].Num);
        // both calls inline fib's body once; the calls inside those bodies stay ordinary
        Assert.Equal(2, ((LuaClosure)state.Globals.Get("fib").Obj!).Proto.InlinedCalls);
    }

    [Fact]
    public void AHookSetAfterInliningSeesEveryCall()
    {
        const string script =
            "local function leaf(x) return x + 1 end " +
            "local function loop(n) local s = 0 for i = 1, n do s = s + leaf(i) end return s end " +
            "loop(100) " +
            "local calls = 0 " +
            "debug.sethook(function() if debug.getinfo(2, 'f').func == leaf then calls = calls + 1 end end, 'c') " +
            "local s = loop(50) " +
            "debug.sethook() " +
            "print(s, calls)";
        ThresholdsPrint("1325\t50\n", script, [0, 10]);
    }

    [Fact]
    public void AnInlinedBodyLeavingForAMetamethodCanYieldThere()
    {
        // beyond 5.1: the frame the inlined call makes when it leaves runs __index as a Lua
        // frame of the loop, which may yield like any other
        const string script =
            "local function get(t) return t.x end " +
            "local proxy = setmetatable({}, {__index = function(t, k) return coroutine.yield(k) end}) " +
            "local co = coroutine.wrap(function() local s = 0 " +
            "  for i = 1, 200 do s = s + get(i == 150 and proxy or {x = i}) end " +
            "  return 'done', s end) " +
            "print(co()) print(co(1000))";
        ThresholdsPrint("x\ndone\t20950\n", script, [0, 10, 3]);
    }

    [Fact]
    public void AnInlinedTailCallLeavingMakesTheTailCallsFrame()
    {
        // the frame made when the body leaves replaces its caller's, in a coroutine (where the
        // direct call into `tail` is undone) and on the main thread (where a nested loop finishes it)
        const string script =
            "local function add(a, b) return a + b end " +
            "local function tail(x) return add(x, 1) end " +
            "local mt = {__add = function(a, b) return coroutine.yield('in __add') end} " +
            "local co = coroutine.wrap(function() local s = 0 " +
            "  for i = 1, 300 do s = s + tail(i == 250 and setmetatable({}, mt) or i) end " +
            "  return 'done', s end) " +
            "print(co()) print(co(5)) " +
            "local plain = {__add = function(a, b) return 7 end} " +
            "local s = 0 for i = 1, 300 do s = s + tail(i == 250 and setmetatable({}, plain) or i) end print(s) " +
            "print(select(2, pcall(tail, nil)))";
        const string expected = "in __add\ndone\t45204\n45206\njit:1: attempt to perform arithmetic on local 'a' (a nil value)\n";
        ThresholdsPrint(expected, script, [0, 3, 10]);
    }
}
