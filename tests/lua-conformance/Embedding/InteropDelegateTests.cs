using LuaVm;
using LuaVm.Runtime;
using Xunit;

namespace LuaConformance.Tests.Embedding;

/// <summary>.NET delegates as Lua functions, and Lua functions as .NET delegates (src/LuaVm/Interop).</summary>
public sealed class InteropDelegateTests
{
    private static LuaException Fails(LuaState lua, string code) => Assert.Throws<LuaException>(() => lua.DoString(code, "=demo"));

    /// <summary>Runs UTF-8 source (DoString reads a .NET string as Latin-1, as files are read byte by byte).</summary>
    private static LuaValue[] Run(LuaState lua, string code) => lua.Call(lua.Load(System.Text.Encoding.UTF8.GetBytes(code), "=demo"));

    [Fact]
    public void SetGlobalOfADelegateGivesACallableFunction()
    {
        var lua = new LuaState();
        lua.SetGlobal("twice", (Func<double, double>)(x => 2 * x));
        var r = lua.DoString("return type(twice), twice(21), twice('4')");
        Assert.Equal("function", r[0].ToUtf8String());
        Assert.Equal(42.0, r[1].ToDouble());
        Assert.Equal(8.0, r[2].ToDouble()); // a numeric string converts, as luaL_checknumber does
    }

    [Fact]
    public void RegisterTakesATypedLambda()
    {
        var lua = new LuaState();
        lua.Register("greet", (string name, int times) => string.Concat(Enumerable.Repeat("hi " + name + ";", times)));
        lua.Register("log", (Action<string>)(_ => { }));
        Assert.Equal("hi é;hi é;", Run(lua, "return greet('é', 2)")[0].ToUtf8String());
        Assert.Empty(lua.DoString("return log('x')"));
    }

    [Fact]
    public void ArgumentErrorsReadLikeTheStandardLibrarys()
    {
        var lua = new LuaState();
        lua.Register("twice", (double x) => 2 * x);
        lua.Register("repeat_", (string s, int n) => s);
        lua.Register("flag", (bool b) => b);
        Assert.Equal("demo:1: bad argument #1 to 'twice' (number expected, got string)", Fails(lua, "twice('x')").Message);
        Assert.Equal("demo:1: bad argument #1 to 'twice' (number expected, got no value)", Fails(lua, "twice()").Message);
        Assert.Equal("demo:1: bad argument #2 to 'repeat_' (number expected, got table)", Fails(lua, "repeat_('a', {})").Message);
        Assert.Equal("demo:1: bad argument #1 to 'flag' (boolean expected, got nil)", Fails(lua, "flag(nil)").Message);
        // called through a local: the name comes from the call site, as lua5.1 names C functions
        Assert.Equal("demo:1: bad argument #1 to 'f' (number expected, got boolean)", Fails(lua, "local f = twice f(true)").Message);
    }

    [Fact]
    public void IntegerParametersTakeOnlyIntegralNumbersInRange()
    {
        var lua = new LuaState();
        lua.Register("i32", (int x) => x);
        lua.Register("u8", (byte x) => x);
        lua.Register("i64", (long x) => x);
        lua.Register("u64", (ulong x) => (double)x);
        Assert.Equal(-5.0, lua.DoString("return i32(-5)")[0].ToDouble());
        Assert.Equal("demo:1: bad argument #1 to 'i32' (number has no integer representation)", Fails(lua, "i32(1.5)").Message);
        Assert.Equal("demo:1: bad argument #1 to 'i32' (number out of range for int)", Fails(lua, "i32(2^31)").Message);
        Assert.Equal("demo:1: bad argument #1 to 'u8' (number out of range for byte)", Fails(lua, "u8(256)").Message);
        Assert.Equal("demo:1: bad argument #1 to 'u8' (number out of range for byte)", Fails(lua, "u8(-1)").Message);
        Assert.Equal(255.0, lua.DoString("return u8(255)")[0].ToDouble());
        Assert.Equal(9007199254740992.0, lua.DoString("return i64(2^53)")[0].ToDouble());
        Assert.Equal("demo:1: bad argument #1 to 'i64' (number out of range for long)", Fails(lua, "i64(2^63)").Message);
        Assert.Equal("demo:1: bad argument #1 to 'i32' (number has no integer representation)", Fails(lua, "i32(0/0)").Message);
        Assert.Equal(12.0, lua.DoString("return i32('0x0C')")[0].ToDouble());
        Assert.Equal("demo:1: bad argument #1 to 'u64' (number out of range for ulong)", Fails(lua, "u64(2^64)").Message);
    }

    [Fact]
    public void EveryNumericTypeConvertsBothWays()
    {
        var lua = new LuaState();
        lua.Register("f", (float a, decimal b, short c, sbyte d, ushort e, uint g) => (double)a + (double)b + c + d + e + g);
        lua.Register("g", (int a) => (float)a / 4);
        lua.Register("h", () => 7m);
        lua.Register("k", () => (sbyte)-3);
        Assert.Equal(21.5, lua.DoString("return f(0.5, 1, 2, 3, 4, 11)")[0].ToDouble());
        Assert.Equal(0.25, lua.DoString("return g(1)")[0].ToDouble());
        Assert.Equal(7.0, lua.DoString("return h()")[0].ToDouble());
        Assert.Equal(-3.0, lua.DoString("return k()")[0].ToDouble());
    }

    [Fact]
    public void StringsBytesAndLuaValuesCross()
    {
        var lua = new LuaState();
        lua.Register("len", (string s) => s.Length);
        lua.Register("bytes", (byte[] b) => b.Length);
        lua.Register("raw", () => new byte[] { 0, 255 });
        lua.Register("ident", (LuaValue v) => v);
        lua.Register("count", (LuaTable t) => t.Length());
        lua.Register("call", (LuaFunction f) => lua.Call(f, 5)[0]);
        lua.Register("maybe", (string? s) => s ?? "none");
        lua.Register("chr", (char c) => (int)c);
        var r = Run(lua, "return len('é'), bytes('é'), #raw(), raw():byte(2), ident(ident), count({1,2,3}), call(function(x) return x + 1 end), maybe(nil), maybe('x'), len(12), chr('é')");
        Assert.Equal(1.0, r[0].ToDouble());    // one UTF-16 char
        Assert.Equal(2.0, r[1].ToDouble());    // two bytes
        Assert.Equal(2.0, r[2].ToDouble());
        Assert.Equal(255.0, r[3].ToDouble());
        Assert.True(r[4].IsFunction);
        Assert.Equal(3.0, r[5].ToDouble());
        Assert.Equal(6.0, r[6].ToDouble());
        Assert.Equal("none", r[7].ToUtf8String());
        Assert.Equal("x", r[8].ToUtf8String());
        Assert.Equal(2.0, r[9].ToDouble());    // a number converts to a string parameter, as luaL_checkstring does
        Assert.Equal(233.0, r[10].ToDouble());
        Assert.Equal("demo:1: bad argument #1 to 'count' (table expected, got string)", Fails(lua, "count('x')").Message);
        Assert.Equal("demo:1: bad argument #1 to 'chr' (string of one character expected)", Fails(lua, "chr('ab')").Message);
    }

    [Fact]
    public void ObjectParametersTakeTheNaturalDotNetValue()
    {
        var lua = new LuaState();
        object? seen = null;
        lua.Register("see", (object? o) => { seen = o; });
        lua.DoString("see(1.5)");
        Assert.Equal(1.5, seen);
        lua.DoString("see('s')");
        Assert.Equal("s", seen);
        lua.DoString("see({1, 2})");
        Assert.Equal(new List<object?> { 1.0, 2.0 }, seen);
        lua.DoString("see(nil)");
        Assert.Null(seen);
    }

    [Fact]
    public void NullableOptionalAndParamsParameters()
    {
        var lua = new LuaState();
        lua.Register("opt", (Func<int?, string>)(x => x is null ? "null" : x.Value.ToString()));
        lua.SetGlobal("sum", (Func<int[], int>)Sum);
        lua.SetGlobal("pad", (Func<string, int, string>)Pad);
        Assert.Equal("null", lua.DoString("return opt()")[0].ToUtf8String());
        Assert.Equal("3", lua.DoString("return opt(3)")[0].ToUtf8String());
        Assert.Equal(6.0, lua.DoString("return sum(1, 2, 3)")[0].ToDouble());
        Assert.Equal(0.0, lua.DoString("return sum()")[0].ToDouble());
        Assert.Equal("demo:1: bad argument #3 to 'sum' (number expected, got string)", Fails(lua, "sum(1, 2, 'x')").Message);
        Assert.Equal("ab  ", lua.DoString("return pad('ab')")[0].ToUtf8String());
        Assert.Equal("ab", lua.DoString("return pad('ab', 2)")[0].ToUtf8String());
    }

    private static int Sum(params int[] xs) => xs.Sum();

    private static string Pad(string s, int width = 4) => s.PadRight(width);

    [Fact]
    public void ExceptionsBecomeLuaErrorsWithoutDotNetDetails()
    {
        var lua = new LuaState();
        lua.Register("fail", (Action)(() => throw new InvalidOperationException("disk full")));
        lua.SetGlobal("check", (Action<int>)Check);
        var e = Fails(lua, "fail()");
        Assert.Equal("demo:1: fail: disk full", e.Message);
        Assert.Equal("demo:1: Check: negative", Fails(lua, "check(-1)").Message);
        var r = lua.DoString("local ok, err = pcall(fail) return ok, err");
        Assert.False(r[0].ToBoolean());
        Assert.Equal("fail: disk full", r[1].ToUtf8String()); // called by pcall (a C function): no position, as luaL_error gives
    }

    private static void Check(int x)
    {
        if (x < 0) throw new ArgumentOutOfRangeException(nameof(x), "negative");
    }

    [Fact]
    public void MultipleAndTypedResults()
    {
        var lua = new LuaState();
        lua.Register("list", () => new List<int> { 1, 2, 3 });
        lua.Register("map", () => new Dictionary<string, int> { ["a"] = 1 });
        lua.Register("nothing", () => (string?)null);
        var r = lua.DoString("return #list(), map().a, nothing() == nil");
        Assert.Equal(3.0, r[0].ToDouble());
        Assert.Equal(1.0, r[1].ToDouble());
        Assert.True(r[2].ToBoolean());
    }

    [Fact]
    public void ValueTuplesAreSeveralResults()
    {
        var lua = new LuaState();
        lua.Register("divmod", (int a, int b) => (a / b, a % b));
        lua.Register("parse", (string s) => int.TryParse(s, out int n) ? (true, n, (string?)null) : (false, 0, "not a number"));
        var r = lua.DoString("local q, m = divmod(17, 5) return q, m, select('#', parse('x')), select(3, parse('x')), parse('12')");
        Assert.Equal(3.0, r[0].ToDouble());
        Assert.Equal(2.0, r[1].ToDouble());
        Assert.Equal(3.0, r[2].ToDouble());
        Assert.Equal("not a number", r[3].ToUtf8String());
        Assert.True(r[4].ToBoolean());
    }

    [Fact]
    public void ANativeFunctionDelegateIsRegisteredAsItIs()
    {
        var lua = new LuaState();
        LuaNativeFunction f = call => call.Return(call.ArgCount);
        lua.SetGlobal("n", f);
        Assert.Equal(3.0, lua.DoString("return n(1, nil, 3)")[0].ToDouble());
    }

    [Fact]
    public void LuaFunctionsBecomeTypedDelegates()
    {
        var lua = new LuaState();
        lua.DoString("function add(a, b) return a + b end function hello(name) return 'hello ' .. name end function none() end");
        var add = lua.CreateDelegate<Func<double, double, double>>(lua.GetGlobal("add"));
        var hello = lua.CreateDelegate<Func<string, string>>(lua.GetGlobal("hello"));
        var none = lua.CreateDelegate<Func<int?>>(lua.GetGlobal("none"));
        var count = lua.CreateDelegate<Func<int>>(lua.GetGlobal("hello"));
        Assert.Equal(5.0, add(2, 3));
        Assert.Equal("hello é", hello("é"));
        Assert.Null(none());
        var e = Assert.Throws<LuaException>(() => count());
        Assert.Contains("attempt to concatenate", e.Message);
        var bad = lua.CreateDelegate<Func<string, int>>(lua.GetGlobal("hello"));
        Assert.Equal("bad result from Lua callback (number expected, got string)", Assert.Throws<LuaException>(() => bad("x")).Message);
        Assert.Throws<ArgumentException>(() => lua.CreateDelegate<Action>(LuaValue.Nil));
    }

    [Fact]
    public void DelegateParametersTakeLuaFunctions()
    {
        var lua = new LuaState();
        lua.Register("map", (Func<double, double> f, double[] xs) => xs.Select(f).ToArray());
        var r = lua.DoString("local t = map(function(x) return x * x end, {1, 2, 3}) return #t, t[3]");
        Assert.Equal(3.0, r[0].ToDouble());
        Assert.Equal(9.0, r[1].ToDouble());
    }

    [Fact]
    public void ConvertToUsesTheParameterRules()
    {
        var lua = new LuaState();
        Assert.Equal(3, lua.ConvertTo<int>(lua.DoString("return 3")[0]));
        Assert.Equal(new[] { 1, 2 }, lua.ConvertTo<int[]>(lua.DoString("return {1, 2}")[0]));
        Assert.Null(lua.ConvertTo<string>(LuaValue.Nil));
        Assert.Equal("number has no integer representation", Assert.Throws<InvalidCastException>(() => lua.ConvertTo<int>(1.5)).Message);
    }
}
