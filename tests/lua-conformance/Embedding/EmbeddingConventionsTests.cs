using LuaVm;
using LuaVm.Runtime;
using Xunit;

namespace LuaConformance.Tests.Embedding;

/// <summary>The .NET conventions of the embedding API: LuaTable as a collection, conversions, sandbox preset, threads, registration paths.</summary>
public sealed class EmbeddingConventionsTests
{
    [Fact]
    public void TablesHaveIndexersCountAndEnumeration()
    {
        var lua = new LuaState();
        var t = lua.DoString("return {10, 20, 30, name = 'x', [true] = 'yes'}")[0].AsTable!;
        Assert.Equal(20.0, t[2].ToDouble());
        Assert.Equal("x", t["name"].ToUtf8String());
        Assert.Equal("yes", t[LuaValue.True].ToUtf8String());
        Assert.Equal(5, t.Count);
        Assert.True(t.ContainsKey("name"));
        Assert.False(t.ContainsKey("missing"));

        // string keys are UTF-8, the same rule as SetGlobal and DoString
        t["clé"] = 1;
        Assert.Equal(1.0, lua.CallWith(lua.DoString("return function(t) return t['clé'] end")[0], t)[0].ToDouble());

        // enumeration follows next(): the array part first, in order, then the rest
        var keys = new List<string>();
        foreach (var (k, v) in t) keys.Add($"{k}={v}");
        Assert.Equal(["1=10", "2=20", "3=30"], keys.Take(3));
        Assert.Equal(6, keys.Count);
        Assert.Contains("name=x", keys);
        Assert.Contains("true=yes", keys);

        // clearing and assigning existing fields during enumeration is allowed, as with next()
        foreach (var (k, _) in t) t[k] = LuaValue.Nil;
        Assert.Equal(0, t.Count);
        Assert.Empty(t);

        // growing the table during enumeration is refused rather than skipping or repeating entries
        var grow = new LuaTable { [1] = 1 };
        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var _ in grow) for (int i = 2; i < 100; i++) grow[i] = i;
        });

        // nil and NaN keys cannot be stored, as rawset refuses them
        Assert.Throws<ArgumentException>(() => t[LuaValue.Nil] = 1);
        Assert.Throws<ArgumentException>(() => t[double.NaN] = 1);
        Assert.True(t[LuaValue.Nil].IsNil);
    }

    [Fact]
    public void UserdataAndThreadsConvertToLuaValues()
    {
        var lua = new LuaState();
        LuaValue u = lua.NewUserdata(new object());
        Assert.Equal(LuaType.Userdata, u.Type);
        var f = lua.DoString("return function() end")[0].AsFunction!;
        LuaValue co = lua.NewThread(f);
        Assert.Equal("thread", lua.CallWith(lua.DoString("return type")[0], co)[0].ToUtf8String());
    }

    [Fact]
    public void SandboxKeepsNoCollectorControlNoBinaryChunksAndOnlyTheClockOfOs()
    {
        var lua = LuaState.CreateSandbox();
        var r = lua.DoString("return collectgarbage, gcinfo, os.execute, os.exit, os.getenv, os.remove, os.rename, os.tmpname, io, debug");
        for (int i = 0; i < r.Length; i++) Assert.True(r[i].IsNil, $"result {i + 1} should be nil");
        Assert.Equal("number", lua.DoString("return type(os.time() + os.clock() + os.difftime(2, 1))")[0].ToUtf8String());
        Assert.Equal("1970", lua.DoString("return os.date('!%Y', 0)")[0].ToUtf8String());

        // text chunks load; a binary chunk (from a trusting state's string.dump) is refused
        var dumped = new LuaState().DoString("return string.dump(function() return 1 end)")[0];
        lua.SetGlobal("dumped", dumped);
        var refused = lua.DoString("return loadstring(dumped)");
        Assert.True(refused[0].IsNil);
        Assert.Equal("attempt to load a binary chunk (this state accepts source text only)", refused[1].ToUtf8String());
        Assert.Equal(3.0, lua.DoString("return loadstring('return 3')()")[0].ToDouble());
        Assert.Throws<LuaException>(() => lua.Load(dumped.AsString!.Bytes, "=dumped"));

        // an ordinary state still loads binary chunks, as lua5.1 does
        var trusting = new LuaState();
        trusting.SetGlobal("dumped", dumped);
        Assert.Equal(1.0, trusting.DoString("return loadstring(dumped)()")[0].ToDouble());
    }

    [Fact]
    public async Task SecondThreadEnteringARunningStateIsRefused()
    {
        var lua = new LuaState();
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        lua.Register("wait_here", call =>
        {
            inside.Set();
            Assert.True(release.Wait(TimeSpan.FromMinutes(2)));
            return call.Return(7);
        });
        var co = lua.NewThread(lua.DoString("return function() end")[0].AsFunction!);
        var runner = Task.Run(() => lua.DoString("return wait_here()")[0].ToDouble());
        Assert.True(inside.Wait(TimeSpan.FromMinutes(2)));
        var e = Assert.Throws<InvalidOperationException>(() => lua.DoString("return 1"));
        Assert.Contains("another thread", e.Message);
        Assert.Throws<InvalidOperationException>(() => lua.Resume(co));
        release.Set();
        Assert.Equal(7.0, await runner);

        // used one thread after another, the state is fine; nested calls from a callback are fine
        Assert.Equal(2.0, await Task.Run(() => lua.DoString("return 1 + 1")[0].ToDouble()));
        lua.Register("nested", call => call.Return(call.State.DoString("return 40")[0].ToDouble() + 2));
        Assert.Equal(42.0, lua.DoString("return nested()")[0].ToDouble());
    }

    [Fact]
    public async Task AStateHeldOnAThreadRunsThereAndRefusesOthers()
    {
        var lua = new LuaState();
        var co = lua.NewThread(lua.DoString("return function(a) local b = coroutine.yield(a + 1) return b * 2 end")[0].AsFunction!);
        using (lua.HoldOnThisThread())
        {
            // calls and resumes on the holding thread work as before, one after another
            Assert.Equal(3.0, lua.DoString("return 1 + 2")[0].ToDouble());
            var first = lua.Resume(co, 4);
            Assert.Equal(ResumeOutcome.Yielded, first.Outcome);
            Assert.Equal(5.0, first.Values[0].ToDouble());
            // another thread is refused while the state is held, even between calls (a thread of
            // its own: an await here could continue on the holding thread itself)
            Exception? refused = null;
            var other = new Thread(() => refused = Record.Exception(() => lua.DoString("return 1")));
            other.Start();
            Assert.True(other.Join(TimeSpan.FromMinutes(2)));
            Assert.IsType<InvalidOperationException>(refused);
            Assert.Contains("another thread", refused.Message);
            var last = lua.Resume(co, 10);
            Assert.Equal(ResumeOutcome.Returned, last.Outcome);
            Assert.Equal(20.0, last.Values[0].ToDouble());
        }
        // let go: another thread may use it again
        Assert.Equal(2.0, await Task.Run(() => lua.DoString("return 1 + 1")[0].ToDouble()));
    }

    [Fact]
    public void DottedNamesRegisterIntoNestedTables()
    {
        var lua = new LuaState();
        lua.Register("app.log.level", call => call.Return("info"));
        lua.Register("app.version", call => call.Return(3));
        Assert.Equal("info 3 nil", lua.DoString("return app.log.level() .. ' ' .. app.version() .. ' ' .. tostring(rawget(_G, 'app.version'))")[0].ToUtf8String());
        // argument errors name the function as lua5.1 finds it from the call site ("field 'need'")
        lua.Register("app.need", call => call.Return(call.CheckNumber(1)));
        Assert.Equal("t:1: bad argument #1 to 'need' (number expected, got no value)",
            lua.DoString("return select(2, pcall(function() return app.need() end))", "=t")[0].ToUtf8String());
        lua.DoString("x = 1");
        var e = Assert.Throws<InvalidOperationException>(() => lua.Register("x.y", call => 0));
        Assert.Equal("cannot register 'x.y': 'x' is a number, not a table", e.Message);
    }

    [Fact]
    public void SyntaxErrorsHaveTheirOwnTypeAndLoggingShowsTheLuaTraceback()
    {
        var lua = new LuaState();
        var syntax = Assert.Throws<LuaSyntaxException>(() => lua.DoString("x = = 1", "=cfg"));
        Assert.Equal("cfg:1: unexpected symbol near '='", syntax.Message);
        var tooMany = Assert.Throws<LuaSyntaxException>(() => lua.DoString("local a" + string.Concat(Enumerable.Repeat(", a", 200)), "=big"));
        Assert.Contains("main function has more than 200 local variables", tooMany.Message);

        var runtime = Assert.Throws<LuaException>(() => lua.DoString("local function f() error('café') end f()", "=t"));
        Assert.IsNotType<LuaSyntaxException>(runtime);
        Assert.Equal("t:1: café", runtime.Message); // the error string's UTF-8 bytes, as .NET text
        string logged = runtime.ToString();
        Assert.StartsWith("LuaVm.Runtime.LuaException: t:1: café" + Environment.NewLine + "stack traceback:", logged);
        Assert.Contains("in function 'f'", logged);
        Assert.Contains("at LuaVm.", logged); // the .NET stack still follows
    }

    [Fact]
    public void ExceptionsFromCSharpKeepTheirIdentityAndCancellationsPassThroughPcall()
    {
        var lua = new LuaState();
        lua.Register("open", call => throw new FileNotFoundException("gone", "data.bin"));
        var e = Assert.Throws<LuaException>(() => lua.DoString("local function f() open() end f()", "=s"));
        var inner = Assert.IsType<FileNotFoundException>(e.InnerException);
        Assert.Equal("data.bin", inner.FileName);
        Assert.StartsWith("s:1: internal error (FileNotFoundException: gone", e.Message);
        // pcall holds such an error, as any Lua error
        Assert.False(lua.DoString("return pcall(open)")[0].ToBoolean());

        // a cancellation is not a Lua error: neither pcall, xpcall nor coroutine.resume holds it
        int cancelled = 0;
        lua.Register("stop", call =>
        {
            cancelled++;
            throw new OperationCanceledException("stopped");
        });
        foreach (var code in new[]
        {
            "pcall(stop) reached = true",
            "xpcall(stop, debug.traceback) reached = true",
            "coroutine.resume(coroutine.create(function() pcall(stop) end)) reached = true",
            "coroutine.wrap(function() stop() end)() reached = true",
            "pcall(function() table.sort({3, 2, 1}, function(a, b) stop() return a < b end) end) reached = true",
        })
        {
            var oce = Assert.Throws<OperationCanceledException>(() => lua.DoString(code));
            Assert.Equal("stopped", oce.Message);
            Assert.True(lua.GetGlobal("reached").IsNil, code);
        }
        Assert.Equal(5, cancelled);
        // and the state goes on as before
        Assert.Equal("ok", lua.DoString("return select(2, pcall(error, 'ok'))")[0].ToUtf8String());
        Assert.Equal(6.0, lua.DoString("local s = 0 for i = 1, 3 do s = s + i end return s")[0].ToDouble());
    }

    [Fact]
    public void AYieldWithAContinuationFinishesTheCallOnResume()
    {
        var lua = new LuaState();
        // ask(q): yields q to the resumer; the continuation turns the answer into "q=answer",
        // raises a Lua error for "bad", and asks again for "again"
        LuaNativeFunction? continuation = null;
        continuation = k =>
        {
            var answer = k.CheckString(1).ToString();
            if (answer == "bad") throw k.Error("bad answer");
            if (answer == "again") return k.Yield(k.Return("once more"), continuation!);
            return k.Return("got " + answer);
        };
        lua.Register("ask", call => call.Yield(call.Return(call[1]), continuation));
        var co = lua.NewThread(lua.DoString("""
            return function()
              local a = ask("first")
              local ok, e = pcall(ask, "second")
              local b = ask("third")
              return a, ok, e, b
            end
            """, "=s")[0].AsFunction!);
        Assert.Equal("first", lua.Resume(co).Values[0].ToUtf8String());
        Assert.Equal("second", lua.Resume(co, "x").Values[0].ToUtf8String());
        Assert.Equal("third", lua.Resume(co, "bad").Values[0].ToUtf8String());
        Assert.Equal("once more", lua.Resume(co, "again").Values[0].ToUtf8String());
        var done = lua.Resume(co, "y");
        Assert.Equal(ResumeOutcome.Returned, done.Outcome);
        Assert.Equal(["got x", "false", "bad answer", "got y"], done.Values.Select(v => v.IsString ? v.ToUtf8String() : v.ToString()));
        // an error the continuation raises outside any pcall ends the coroutine with it
        var co2 = lua.NewThread(lua.DoString("return function() return ask('q') end")[0].AsFunction!);
        lua.Resume(co2);
        var failed = lua.Resume(co2, "bad");
        Assert.Equal(ResumeOutcome.Failed, failed.Outcome);
        Assert.Equal("(string):1: bad answer", failed.Error!.Message);
    }

    [Fact]
    public void CallingAGlobalThatIsNotAFunctionNamesIt()
    {
        var lua = new LuaState();
        Assert.Equal("attempt to call global 'nosuch' (a nil value)", Assert.Throws<LuaException>(() => lua.CallGlobal("nosuch")).Message);
        lua.DoString("count = 3 callable = setmetatable({}, {__call = function(_, x) return x * 2 end})");
        Assert.Equal("attempt to call global 'count' (a number value)", Assert.Throws<LuaException>(() => lua.CallGlobal("count")).Message);
        Assert.Equal(8.0, lua.CallGlobal("callable", 4)[0].ToDouble());
    }
}
