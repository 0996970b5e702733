using LuaVm;
using LuaVm.Runtime;
using Xunit;

namespace LuaConformance.Tests.Embedding;

/// <summary>The public embedding API: globals and calls with .NET values, conversions, userdata, errors, sandboxes.</summary>
public sealed class EmbeddingApiTests
{
    [Fact]
    public void GlobalsTakeDotNetValues()
    {
        var lua = new LuaState();
        lua.SetGlobal("d", 1.5);
        lua.SetGlobal("i", 42);
        lua.SetGlobal("l", 1L << 40);
        lua.SetGlobal("s", "héllo");
        lua.SetGlobal("b", true);
        lua.SetGlobal("raw", new byte[] { 0, 200, 65 });
        lua.SetGlobal("n", null);
        var r = lua.DoString("return type(d), d, i, l, #s, b, #raw, raw:byte(2), n == nil");
        Assert.Equal("number", r[0].ToUtf8String());
        Assert.Equal(1.5, r[1].ToDouble());
        Assert.Equal(42, r[2].ToInt32());
        Assert.Equal(1L << 40, r[3].ToInt64());
        Assert.Equal(6.0, r[4].ToDouble()); // UTF-8: é is two bytes, as lua5.1 counts a UTF-8 source's "é"
        Assert.True(r[5].ToBoolean());
        Assert.Equal(3.0, r[6].ToDouble());
        Assert.Equal(200.0, r[7].ToDouble());
        Assert.True(r[8].ToBoolean());
        Assert.Equal("héllo", lua.GetGlobal("s").ToUtf8String());
        Assert.Equal(new byte[] { 0, 200, 65 }, lua.GetGlobal("raw").ToBytes());
        Assert.True(lua.GetGlobal("n").IsNil);
    }

    [Fact]
    public void TablesConvertToAndFromCollections()
    {
        var lua = new LuaState();
        lua.SetGlobal("config", new Dictionary<string, object?> { ["name"] = "x", ["ports"] = new List<int> { 80, 443 } });
        var r = lua.DoString("return config.name, #config.ports, config.ports[2], {1, 'two', {a = true}}, {}, {[1] = 1, [3] = 3}");
        Assert.Equal("x", r[0].ToUtf8String());
        Assert.Equal(2.0, r[1].ToDouble());
        Assert.Equal(443.0, r[2].ToDouble());
        var list = r[3].ToList()!;
        Assert.Equal(3, list.Count);
        Assert.Equal(1.0, list[0]);
        Assert.Equal("two", list[1]);
        var inner = Assert.IsType<Dictionary<object, object?>>(list[2]);
        Assert.Equal(true, inner["a"]);
        Assert.Empty(Assert.IsType<Dictionary<object, object?>>(r[4].ToObject()));
        var holes = Assert.IsType<Dictionary<object, object?>>(r[5].ToObject()); // a hole: not a sequence
        Assert.Equal(3.0, holes[3.0]);
        Assert.Null(r[5].ToList());
        Assert.Equal(2, r[3].ToDictionary()!.Keys.Count(k => k is double d && d <= 2));
    }

    [Fact]
    public void CyclicTablesKeepTheirShape()
    {
        var lua = new LuaState();
        var t = Assert.IsType<Dictionary<object, object?>>(lua.DoString("local t = {} t.self = t return t")[0].ToObject());
        Assert.Same(t, t["self"]);
    }

    [Fact]
    public void ConversionsRejectWhatTheyCannotRepresent()
    {
        var lua = new LuaState();
        Assert.Throws<InvalidCastException>(() => lua.DoString("return {}")[0].ToDouble());
        Assert.Equal(12.0, lua.DoString("return ' 0x0C '")[0].ToDouble()); // as arithmetic converts strings
        Assert.Null(lua.DoString("return {}")[0].ToUtf8String());
        Assert.Equal("10", lua.DoString("return 10")[0].ToUtf8String());
        Assert.Throws<OverflowException>(() => lua.DoString("return 2^40")[0].ToInt32());
        Assert.Throws<ArgumentException>(() => LuaValueConversions.FromObject(new Dictionary<object, object?> { [double.NaN] = 1 }));
    }

    [Fact]
    public void CallGlobalPassesArgumentsAndReturnsEveryResult()
    {
        var lua = new LuaState();
        lua.DoString("function divmod(a, b) return math.floor(a / b), a % b end");
        var r = lua.CallGlobal("divmod", 17, 5);
        Assert.Equal(2, r.Length);
        Assert.Equal(3, r[0].ToInt32());
        Assert.Equal(2, r[1].ToInt32());
        var f = lua.DoString("return function(...) return select('#', ...), ... end")[0];
        var r2 = lua.CallWith(f, "a", null, 3);
        Assert.Equal(3.0, r2[0].ToDouble());
        Assert.Equal("a", r2[1].ToUtf8String());
        Assert.True(r2[2].IsNil);
    }

    [Fact]
    public void NativeFunctionsUseTheCallContext()
    {
        var lua = new LuaState();
        lua.Register("sum", call =>
        {
            double total = 0;
            for (int i = 1; i <= call.ArgCount; i++) total += call.CheckNumber(i);
            return call.Return(total, call.ArgCount);
        });
        var r = lua.DoString("return sum(1, 2, '3')");
        Assert.Equal(6.0, r[0].ToDouble());
        Assert.Equal(3.0, r[1].ToDouble());
        // lua5.1: bad argument #2 to 'sum' (number expected, got table)
        var e = Assert.Throws<LuaException>(() => lua.DoString("sum(1, {})", "=demo"));
        Assert.Equal("demo:1: bad argument #2 to 'sum' (number expected, got table)", e.Message);
    }

    private sealed class Counter
    {
        public int Count;
    }

    [Fact]
    public void UserdataWrapsADotNetObjectWithMethods()
    {
        var lua = new LuaState();
        var methods = lua.CreateTable(
            ("add", call => { call.CheckUserdata<Counter>(1, "counter").Count += call.OptInt(2, 1); return 0; }),
            ("get", call => call.Return(call.CheckUserdata<Counter>(1, "counter").Count)));
        var meta = new LuaTable();
        meta.Set("__index", methods);
        meta.Set("__tostring", lua.CreateFunction("tostring", call => call.Return("counter " + call.CheckUserdata<Counter>(1, "counter").Count)));
        var counter = new Counter();
        lua.SetGlobal("c", lua.NewUserdata(counter, meta));
        var r = lua.DoString("c:add() c:add(10) return c:get(), tostring(c), type(c)");
        Assert.Equal(11, counter.Count);
        Assert.Equal(11.0, r[0].ToDouble());
        Assert.Equal("counter 11", r[1].ToUtf8String());
        Assert.Equal("userdata", r[2].ToUtf8String());
        Assert.Same(counter, lua.GetGlobal("c").ToObject());
        // the method called on a wrong self: lua5.1's luaL_checkudata wording through luaL_typerror
        var e = Assert.Throws<LuaException>(() => lua.DoString("c.get({})", "=demo"));
        Assert.Equal("demo:1: bad argument #1 to 'get' (counter expected, got table)", e.Message);
    }

    [Fact]
    public void ErrorsCarryTheLuaValueAndTheTraceback()
    {
        var lua = new LuaState();
        var e = Assert.Throws<LuaException>(() => lua.DoString("local function f() error('boom') end\nf()", "@tb.lua"));
        Assert.Equal("tb.lua:1: boom", e.Message);
        Assert.Equal("tb.lua:1: boom", e.Value.ToUtf8String());
        // lua5.1 tb.lua prints these lines (and then "[C]: ?", lua.c's own frame)
        Assert.StartsWith("stack traceback:\n\t[C]: in function 'error'\n\ttb.lua:1: in function 'f'\n\ttb.lua:2: in main chunk", e.LuaTraceback);
        var t = Assert.Throws<LuaException>(() => lua.DoString("error({code = 7})"));
        Assert.Equal(7.0, t.Value.AsTable!.Get("code").ToDouble());
        Assert.Equal("(error object is a table value)", t.Message);
        // the state stays usable after an error
        Assert.Equal(2.0, lua.DoString("return 1 + 1")[0].ToDouble());
    }

    [Fact]
    public void SandboxHasNoFilesNoProcessNoDebug()
    {
        var lua = LuaState.CreateSandbox();
        var r = lua.DoString("return io, os.execute, debug, package, require, dofile, loadfile, string.rep('a', 3), math.max(1, 2), table.concat({1, 2}), coroutine.wrap(function() return 'co' end)()");
        for (int i = 0; i < 7; i++) Assert.True(r[i].IsNil, $"result {i + 1} should be nil");
        Assert.Equal("aaa", r[7].ToUtf8String());
        Assert.Equal(2.0, r[8].ToDouble());
        Assert.Equal("12", r[9].ToUtf8String());
        Assert.Equal("co", r[10].ToUtf8String());
    }

    [Fact]
    public void BuiltinModulesAreFoundWhereLuaSearchesTheCPath()
    {
        var lua = new LuaState();
        int opened = 0;
        lua.AddBuiltinModule("demo.mod", call =>
        {
            opened++;
            var module = call.State.CreateTable(("twice", c => c.Return(2 * c.CheckNumber(1))));
            module.Set("name", call.CheckString(1));
            return call.Return(module);
        });
        // require calls the open function with the module name, once, and keeps what it returns
        var r = lua.DoString("package.cpath = '' local m = require 'demo.mod' return m.twice(21), m.name, require 'demo.mod' == m");
        Assert.Equal(42.0, r[0].ToDouble());
        Assert.Equal("demo.mod", r[1].ToUtf8String());
        Assert.True(r[2].IsTruthy);
        Assert.Equal(1, opened);

        // a Lua file of the same name on package.path wins, as a .lua file wins over a C library
        string dir = Directory.CreateTempSubdirectory("kraken-builtin").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "demo"));
            File.WriteAllText(Path.Combine(dir, "demo", "mod.lua"), "return 'from package.path'");
            var fresh = new LuaState();
            fresh.AddBuiltinModule("demo.mod", call => call.Return("built in"));
            fresh.SetGlobal("dir", dir);
            Assert.Equal("from package.path", fresh.DoString("package.path = dir .. '/?.lua' return require 'demo.mod'")[0].ToUtf8String());
            var other = new LuaState();
            other.AddBuiltinModule("demo.mod", call => call.Return("built in"));
            Assert.Equal("built in", other.DoString("package.path = '' return require 'demo.mod'")[0].ToUtf8String());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void CloseAndDisposeFlushTheStandardStreams()
    {
        // print and io.write go through buffered streams: Close (or Dispose) must flush them,
        // whether or not the io library was opened, and closing twice is harmless
        foreach (var libraries in new[] { LuaLibraries.All, LuaLibraries.Safe })
        {
            var output = new MemoryStream();
            var lua = new LuaState(libraries) { StdOut = new BufferedStream(output, 1 << 16) };
            lua.DoString("print('hello', 1)");
            Assert.Equal(0, output.Length);
            lua.Close();
            Assert.Equal("hello\t1\n", System.Text.Encoding.UTF8.GetString(output.ToArray()));
            lua.Close();
        }
        var written = new MemoryStream();
        using (var state = new LuaState { StdOut = new BufferedStream(written, 1 << 16) })
            state.DoString("print('disposed')");
        Assert.Equal("disposed\n", System.Text.Encoding.UTF8.GetString(written.ToArray()));
    }
}
