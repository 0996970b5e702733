using LuaVm;
using LuaVm.Runtime;
using Xunit;

namespace LuaConformance.Tests.Embedding;

/// <summary>Lua tables passed where a .NET parameter asks for an array, list, dictionary or record.</summary>
public sealed class InteropTableConversionTests
{
    public sealed record Person(string Name, int Age, string? Email = null);

    public sealed class Settings
    {
        public string Host { get; set; } = "localhost";
        public int Port { get; set; }
        public List<string> Tags { get; set; } = [];
    }

    public readonly record struct Size(double Width, double Height);

    private static LuaException Fails(LuaState lua, string code) => Assert.Throws<LuaException>(() => lua.DoString(code, "=demo"));

    [Fact]
    public void SequencesBecomeArraysAndLists()
    {
        var lua = new LuaState();
        lua.Register("sum", (int[] xs) => xs.Sum());
        lua.Register("join", (List<string> xs) => string.Join("+", xs));
        lua.Register("count", (IReadOnlyList<double> xs) => xs.Count);
        lua.Register("nested", (IEnumerable<int[]> xs) => xs.Sum(x => x.Length));
        lua.Register("loose", (System.Collections.IList xs) => xs.Count);
        var r = lua.DoString("return sum({1, 2, 3}), join({'a', 'b'}), count({}), nested({{1}, {2, 3}}), loose({1, 'x', {}})");
        Assert.Equal(6.0, r[0].ToDouble());
        Assert.Equal("a+b", r[1].ToUtf8String());
        Assert.Equal(0.0, r[2].ToDouble());
        Assert.Equal(3.0, r[3].ToDouble());
        Assert.Equal(3.0, r[4].ToDouble());
        Assert.Equal("demo:1: bad argument #1 to 'sum' (bad element #2 (number expected, got string))", Fails(lua, "sum({1, 'x'})").Message);
        Assert.Equal("demo:1: bad argument #1 to 'sum' (bad element #1 (number has no integer representation))", Fails(lua, "sum({1.5})").Message);
        Assert.Equal("demo:1: bad argument #1 to 'sum' (table expected, got number)", Fails(lua, "sum(1)").Message);
    }

    [Fact]
    public void TablesBecomeDictionaries()
    {
        var lua = new LuaState();
        lua.Register("keys", (Dictionary<string, int> d) => string.Join(",", d.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}")));
        lua.Register("byNumber", (IDictionary<int, string> d) => d[2]);
        lua.Register("readOnly", (IReadOnlyDictionary<string, bool> d) => d.Count);
        var r = lua.DoString("return keys({b = 2, a = 1}), byNumber({'x', 'y'}), readOnly({on = true})");
        Assert.Equal("a=1,b=2", r[0].ToUtf8String());
        Assert.Equal("y", r[1].ToUtf8String());
        Assert.Equal(1.0, r[2].ToDouble());
        Assert.Equal("demo:1: bad argument #1 to 'keys' (bad value at key 'a' (number expected, got boolean))", Fails(lua, "keys({a = true})").Message);
        Assert.Equal("demo:1: bad argument #1 to 'keys' (bad key true (string expected, got boolean))", Fails(lua, "keys({[true] = 1})").Message);
    }

    [Fact]
    public void TablesBecomeRecordsThroughTheirConstructor()
    {
        var lua = new LuaState();
        lua.Register("describe", (Person p) => $"{p.Name} {p.Age} {p.Email ?? "-"}");
        var r = lua.DoString("return describe({Name = 'Ann', Age = 30}), describe({name = 'Bob', age = 4, email = 'b@x'})");
        Assert.Equal("Ann 30 -", r[0].ToUtf8String());
        Assert.Equal("Bob 4 b@x", r[1].ToUtf8String());
        Assert.Equal("demo:1: bad argument #1 to 'describe' (Person expected, got table without field 'Age')", Fails(lua, "describe({Name = 'x'})").Message);
        Assert.Equal("demo:1: bad argument #1 to 'describe' (bad field 'Age' for Person (number expected, got string))", Fails(lua, "describe({Name = 'x', Age = 'old'})").Message);
        Assert.Equal("demo:1: bad argument #1 to 'describe' (Person has no field 'Nick')", Fails(lua, "describe({Name = 'x', Age = 1, Nick = 'y'})").Message);
    }

    [Fact]
    public void TablesFillSettablePropertiesOfClasses()
    {
        var lua = new LuaState();
        Settings? seen = null;
        lua.Register("configure", (Settings s) => { seen = s; });
        lua.DoString("configure({Port = 8080, tags = {'a', 'b'}})");
        Assert.Equal("localhost", seen!.Host);
        Assert.Equal(8080, seen.Port);
        Assert.Equal(["a", "b"], seen.Tags);
        Assert.Equal("demo:1: bad argument #1 to 'configure' (bad field 'Port' for Settings (number expected, got boolean))", Fails(lua, "configure({Port = true})").Message);
    }

    [Fact]
    public void RecordStructsToo()
    {
        var lua = new LuaState();
        lua.Register("area", (Size s) => s.Width * s.Height);
        Assert.Equal(6.0, lua.DoString("return area({Width = 2, Height = 3})")[0].ToDouble());
    }

    [Fact]
    public void AnObjectAlreadyWrappedPassesAsItIs()
    {
        var lua = new LuaState();
        var list = new List<int> { 1 };
        lua.RegisterType<List<int>>(new LuaTypeOptions { CreateGlobal = false }); // registered: stays an object, not a table copy
        lua.SetGlobal("list", list);
        lua.Register("same", (List<int> l) => ReferenceEquals(l, list));
        var r = lua.DoString("list:Add(2) return same(list), list.Count, list[1], type(list)");
        Assert.True(r[0].ToBoolean());
        Assert.Equal(2.0, r[1].ToDouble());
        Assert.Equal(2.0, r[2].ToDouble()); // .NET indexers keep .NET's 0-based indexes
        Assert.Equal("userdata", r[3].ToUtf8String());
        Assert.Equal([1, 2], list);
    }
}
