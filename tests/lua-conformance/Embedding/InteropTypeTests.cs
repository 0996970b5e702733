using LuaVm;
using LuaVm.Runtime;
using Xunit;

namespace LuaConformance.Tests.Embedding;

/// <summary>Types exposed with RegisterType: members, overloads, indexers, events, operators, statics, enums, hiding, allow-lists.</summary>
public sealed class InteropTypeTests
{
    public sealed class Vector(double x, double y) : IComparable<Vector>, IComparable
    {
        public double X { get; set; } = x;
        public double Y { get; set; } = y;
        public int Tag;
        public readonly string Kind = "vector";
        public double Length => Math.Sqrt(X * X + Y * Y);

        public static Vector Zero => new(0, 0);
        public static int Created;
        public const int Dimensions = 2;

        public Vector() : this(0, 0) { }

        public static Vector Parse(string text)
        {
            var parts = text.Split(',');
            return new Vector(double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }

        public Vector Scale(double k) => new(X * k, Y * k);
        public string Describe() => "no arguments";
        public string Describe(double n) => "number " + n;
        public string Describe(string s) => "string " + s;
        public string Describe(bool b) => "boolean " + b;
        public string Describe(Vector v) => "vector " + v.X;
        public string Describe(double[] xs) => "table of " + xs.Length;
        public string Describe(int a, int b) => "two ints " + (a + b);
        public void Fail() => throw new InvalidOperationException("cannot do that");

        [LuaHidden] public string Secret => "hidden";
        [LuaHidden] public void Wipe() { }

        public static Vector operator +(Vector a, Vector b) => new(a.X + b.X, a.Y + b.Y);
        public static Vector operator *(Vector a, double k) => new(a.X * k, a.Y * k);
        public static Vector operator *(double k, Vector a) => new(a.X * k, a.Y * k);
        public static Vector operator -(Vector a) => new(-a.X, -a.Y);
        public static bool operator ==(Vector? a, Vector? b) => a?.X == b?.X && a?.Y == b?.Y;
        public static bool operator !=(Vector? a, Vector? b) => !(a == b);
        public override bool Equals(object? obj) => obj is Vector v && this == v;
        public override int GetHashCode() => HashCode.Combine(X, Y);
        public int CompareTo(Vector? other) => Length.CompareTo(other?.Length ?? 0);
        public int CompareTo(object? obj) => CompareTo(obj as Vector);
        public override string ToString() => $"({X}, {Y})";
    }

    public enum Color { Red, Green = 5, Blue }

    public sealed class Palette
    {
        private readonly Dictionary<string, Color> _colors = new();
        public Color Default { get; set; } = Color.Green;
        public Color this[string name]
        {
            get => _colors.TryGetValue(name, out var c) ? c : throw new KeyNotFoundException($"no color '{name}'");
            set => _colors[name] = value;
        }
        public int Count => _colors.Count;
        public bool IsWarm(Color c) => c == Color.Red;
    }

    public sealed class Counter
    {
        public int Value { get; private set; }
        public event Action<int>? Changed;
        public event EventHandler? Reset;
        public void Add(int n)
        {
            Value += n;
            Changed?.Invoke(Value);
        }
        public void Clear()
        {
            Value = 0;
            Reset?.Invoke(this, EventArgs.Empty);
        }
    }

    public sealed class Account
    {
        public decimal Balance { get; private set; } = 10;
        public void Withdraw(decimal amount)
        {
            if (amount > Balance) throw new InvalidOperationException("insufficient funds");
            Balance -= amount;
        }
        public string Owner { get; set; } = "ann";
        public void Close() { }
    }

    private static LuaState WithVector()
    {
        var lua = new LuaState();
        lua.RegisterType<Vector>();
        return lua;
    }

    private static LuaException Fails(LuaState lua, string code) => Assert.Throws<LuaException>(() => lua.DoString(code, "=demo"));

    [Fact]
    public void PropertiesFieldsAndMethods()
    {
        var lua = WithVector();
        var v = new Vector(3, 4);
        lua.SetGlobal("v", v);
        var r = lua.DoString("v.X = 6 v.Tag = 7 return type(v), v.X, v.Y, v.Length, v.Tag, v.Kind, v:Scale(2).Y");
        Assert.Equal("userdata", r[0].ToUtf8String());
        Assert.Equal(6.0, r[1].ToDouble());
        Assert.Equal(4.0, r[2].ToDouble());
        Assert.Equal(Math.Sqrt(52), r[3].ToDouble());
        Assert.Equal(7.0, r[4].ToDouble());
        Assert.Equal("vector", r[5].ToUtf8String());
        Assert.Equal(8.0, r[6].ToDouble());
        Assert.Equal(6.0, v.X); // the same object, not a copy
        Assert.Equal(7, v.Tag);
        Assert.Same(v, lua.GetGlobal("v").ToObject());
    }

    [Fact]
    public void MemberErrorsNameTheTypeAndTheMember()
    {
        var lua = WithVector();
        lua.SetGlobal("v", new Vector(1, 2));
        Assert.Equal("demo:1: Vector has no member 'Nope'", Fails(lua, "return v.Nope").Message);
        Assert.Equal("demo:1: Vector has no member 'Nope'", Fails(lua, "v.Nope = 1").Message);
        Assert.Equal("demo:1: Vector.Length is read-only", Fails(lua, "v.Length = 1").Message);
        Assert.Equal("demo:1: Vector.Kind is read-only", Fails(lua, "v.Kind = 'x'").Message);
        Assert.Equal("demo:1: bad value for Vector.X (number expected, got string)", Fails(lua, "v.X = 'abc'").Message);
        Assert.Equal("demo:1: bad argument #1 to 'Scale' (number expected, got string)", Fails(lua, "v:Scale('x')").Message);
        Assert.Equal("demo:1: bad argument #1 to 'Scale' (Vector expected, got number)", Fails(lua, "v.Scale(3)").Message);
        Assert.Equal("demo:1: calling 'Scale' on bad self (Vector expected, got table)", Fails(lua, "local t = {Scale = v.Scale} t:Scale(2)").Message);
    }

    [Fact]
    public void HiddenAndObjectMembersAreUnreachable()
    {
        var lua = WithVector();
        lua.SetGlobal("v", new Vector(1, 2));
        Assert.Equal("demo:1: Vector has no member 'Secret'", Fails(lua, "return v.Secret").Message);
        Assert.Equal("demo:1: Vector has no member 'Wipe'", Fails(lua, "v:Wipe()").Message);
        Assert.Equal("demo:1: Vector has no member 'GetType'", Fails(lua, "return v:GetType()").Message);
        Assert.Equal("demo:1: Vector has no member 'MemberwiseClone'", Fails(lua, "return v:MemberwiseClone()").Message);
        Assert.Equal("demo:1: Vector has no member 'GetHashCode'", Fails(lua, "return v:GetHashCode()").Message);
    }

    [Fact]
    public void OverloadsAreChosenByLuaArgumentTypes()
    {
        var lua = WithVector();
        lua.SetGlobal("v", new Vector(1, 2));
        var r = lua.DoString("return v:Describe(), v:Describe(1.5), v:Describe('s'), v:Describe(true), v:Describe(v), v:Describe({1, 2}), v:Describe(1, 2), v:Describe('12')");
        Assert.Equal("no arguments", r[0].ToUtf8String());
        Assert.Equal("number 1.5", r[1].ToUtf8String());
        Assert.Equal("string s", r[2].ToUtf8String());
        Assert.Equal("boolean True", r[3].ToUtf8String());
        Assert.Equal("vector 1", r[4].ToUtf8String());
        Assert.Equal("table of 2", r[5].ToUtf8String());
        Assert.Equal("two ints 3", r[6].ToUtf8String());
        Assert.Equal("string 12", r[7].ToUtf8String()); // a string argument prefers the string overload
        Assert.Equal("demo:1: no overload of Vector.Describe takes (function)", Fails(lua, "v:Describe(print)").Message);
    }

    [Fact]
    public void OperatorsAreMetamethods()
    {
        var lua = WithVector();
        lua.SetGlobal("a", new Vector(1, 2));
        lua.SetGlobal("b", new Vector(3, 4));
        lua.SetGlobal("a2", new Vector(1, 2));
        var r = lua.DoString("local s = a + b return s.X, s.Y, (a * 2).Y, (3 * a).X, (-a).X, a == a2, a == b, a < b, b <= a, tostring(a), a ~= a2");
        Assert.Equal(4.0, r[0].ToDouble());
        Assert.Equal(6.0, r[1].ToDouble());
        Assert.Equal(4.0, r[2].ToDouble());
        Assert.Equal(3.0, r[3].ToDouble());
        Assert.Equal(-1.0, r[4].ToDouble());
        Assert.True(r[5].ToBoolean());
        Assert.False(r[6].ToBoolean());
        Assert.True(r[7].ToBoolean());
        Assert.False(r[8].ToBoolean());
        Assert.Equal("(1, 2)", r[9].ToUtf8String());
        Assert.False(r[10].ToBoolean());
        Assert.Equal("demo:1: no overload of Vector.op_Addition takes (userdata, number)", Fails(lua, "return a + 1").Message);
    }

    [Fact]
    public void StaticsAndConstructorsThroughTheTypeTable()
    {
        var lua = WithVector();
        Vector.Created = 0;
        var r = lua.DoString("local p = Vector.new(1, 2) local q = Vector(5, 6) local z = Vector() Vector.Created = 3 " +
                             "return p.Y, q.X, z.X, Vector.Zero.X, Vector.Parse('7,8').Y, Vector.Dimensions, Vector.Created");
        Assert.Equal(2.0, r[0].ToDouble());
        Assert.Equal(5.0, r[1].ToDouble());
        Assert.Equal(0.0, r[2].ToDouble());
        Assert.Equal(0.0, r[3].ToDouble());
        Assert.Equal(8.0, r[4].ToDouble());
        Assert.Equal(2.0, r[5].ToDouble());
        Assert.Equal(3.0, r[6].ToDouble());
        Assert.Equal(3, Vector.Created);
        Assert.Equal("demo:1: Vector has no static member 'Nope'", Fails(lua, "return Vector.Nope").Message);
        Assert.Equal("demo:1: Vector.Zero is read-only", Fails(lua, "Vector.Zero = 1").Message);
        Assert.Equal("demo:1: bad argument #1 to 'Parse' (string expected, got table)", Fails(lua, "Vector.Parse({})").Message);
        Assert.Equal("demo:1: Vector.Parse: Index was outside the bounds of the array.", Fails(lua, "Vector.Parse('1')").Message);
    }

    [Fact]
    public void DelegatesTakeAndReturnRegisteredTypes()
    {
        var lua = WithVector();
        lua.Register("len", (Vector v) => v.Length);
        lua.Register("make", (double x, double y) => new Vector(x, y));
        var r = lua.DoString("return len(make(3, 4)), len(Vector(6, 8)), len({x = 0, y = 2}), make(1, 2).Y");
        Assert.Equal(5.0, r[0].ToDouble());
        Assert.Equal(10.0, r[1].ToDouble());
        Assert.Equal(2.0, r[2].ToDouble()); // a table converts through the constructor's parameter names
        Assert.Equal(2.0, r[3].ToDouble());
        Assert.Equal("demo:1: bad argument #1 to 'len' (Vector expected, got number)", Fails(lua, "len(1)").Message);
        Assert.Equal("demo:1: bad argument #1 to 'len' (Vector expected, got table without field 'y')", Fails(lua, "len({x = 1})").Message);
    }

    [Fact]
    public void MetamethodsCalledDirectlyCheckTheirArguments()
    {
        var lua = WithVector();
        lua.SetGlobal("v", new Vector(1, 2));
        Assert.Equal("demo:1: bad argument #1 to '__index' (Vector expected, got number)", Fails(lua, "getmetatable(v).__index(1, 'X')").Message);
        Assert.Equal("demo:1: bad value for Vector.X (number expected, got string)", Fails(lua, "getmetatable(v).__newindex(v, 'X', 'bad')").Message);
        Assert.Equal(0.0, lua.DoString("return getmetatable(Vector).__call().X")[0].ToDouble());
        Assert.Equal("demo:1: Vector has no member [true]", Fails(lua, "return v[true]").Message);
    }

    public sealed class Greeter
    {
        public string Greet(string name) => "hello " + name;
        public string Greet() => "hello";
    }

    [Fact]
    public void MethodOnlyTypesBehaveTheSame()
    {
        var lua = new LuaState();
        lua.RegisterType<Greeter>();
        lua.SetGlobal("g", new Greeter());
        var r = lua.DoString("return g:Greet('x'), g:Greet(), type(g.Greet)");
        Assert.Equal("hello x", r[0].ToUtf8String());
        Assert.Equal("hello", r[1].ToUtf8String());
        Assert.Equal("function", r[2].ToUtf8String());
        Assert.Equal("demo:1: Greeter has no member 'Nope'", Fails(lua, "return g.Nope").Message);
        Assert.Equal("demo:1: Greeter has no member 'Nope'", Fails(lua, "g:Nope()").Message);
        Assert.Equal("demo:1: Greeter has no member 'Nope'", Fails(lua, "g.Nope = 1").Message);
        Assert.Equal("demo:1: calling 'Greet' on bad self (Greeter expected, got table)", Fails(lua, "local t = {Greet = g.Greet} t:Greet()").Message);
        Assert.Equal("demo:1: Greeter has no member [1]", Fails(lua, "return g[1]").Message);
    }

    [Fact]
    public void StaticClassesAndNumericOverloadsPreferDouble()
    {
        var lua = new LuaState();
        lua.RegisterType(typeof(Math), new LuaTypeOptions { GlobalName = "M" });
        var r = lua.DoString("return M.Max(1, 2.5), M.Max(2, 3), M.Abs(-4), M.Round(2.567, 2), M.PI, M.Round(2.5, 'AwayFromZero')");
        Assert.Equal(2.5, r[0].ToDouble());
        Assert.Equal(3.0, r[1].ToDouble());
        Assert.Equal(4.0, r[2].ToDouble());
        Assert.Equal(2.57, r[3].ToDouble());
        Assert.Equal(Math.PI, r[4].ToDouble());
        Assert.Equal(3.0, r[5].ToDouble()); // an enum parameter takes a member's name
        Assert.Equal("demo:1: Math has no static member 'Nope'", Fails(lua, "return M.Nope").Message);
    }

    [Fact]
    public void RegisterTypeReturnsTheTableAndMayNameTheGlobal()
    {
        var lua = new LuaState();
        var table = lua.RegisterType<Vector>(new LuaTypeOptions { GlobalName = "Vec" });
        Assert.Same(table, lua.GetGlobal("Vec").AsTable);
        Assert.True(lua.GetGlobal("Vector").IsNil);
        lua.RegisterType<Account>(new LuaTypeOptions { CreateGlobal = false });
        Assert.True(lua.GetGlobal("Account").IsNil);
        Assert.Equal(3.0, lua.DoString("return Vec(3, 0).Length")[0].ToDouble());
    }

    [Fact]
    public void EnumsAreTablesOfNumbersThatRoundTrip()
    {
        var lua = new LuaState();
        lua.RegisterType<Color>();
        lua.RegisterType<Palette>();
        var palette = new Palette();
        lua.SetGlobal("p", palette);
        var r = lua.DoString("p.Default = Color.Blue p['sky'] = Color.Blue p.sea = 'Green' " +
                             "return Color.Red, Color.Green, p.Default == Color.Blue, p:IsWarm(Color.Red), p:IsWarm('Blue'), p['sea'], #p");
        Assert.Equal(0.0, r[0].ToDouble());
        Assert.Equal(5.0, r[1].ToDouble());
        Assert.True(r[2].ToBoolean());
        Assert.True(r[3].ToBoolean());
        Assert.False(r[4].ToBoolean());
        Assert.Equal(5.0, r[5].ToDouble());
        Assert.Equal(2.0, r[6].ToDouble());
        Assert.Equal(Color.Blue, palette.Default);
        Assert.Equal(Color.Blue, palette["sky"]);
        Assert.Equal("demo:1: bad argument #1 to 'IsWarm' (7 is not a value of Color)", Fails(lua, "p:IsWarm(7)").Message);
        Assert.Equal("demo:1: bad argument #1 to 'IsWarm' ('Pink' is not a member of Color)", Fails(lua, "p:IsWarm('Pink')").Message);
        Assert.Equal("demo:1: Palette[]: no color 'nope'", Fails(lua, "return p.nope").Message);
    }

    [Fact]
    public void EventsTakeLuaFunctions()
    {
        var lua = new LuaState();
        lua.RegisterType<Counter>();
        var counter = new Counter();
        lua.SetGlobal("c", counter);
        lua.DoString("seen = {} function onChange(v) seen[#seen + 1] = v end function onReset(sender, args) resetBy = sender end " +
                     "c.Changed:add(onChange) c.Reset:add(onReset) c:Add(2) c:Add(3)");
        counter.Add(5); // raised from C#: the Lua handler runs too
        var r = lua.DoString("local removed = c.Changed:remove(onChange) c:Add(1) c:Clear() return #seen, seen[3], removed, resetBy == c, c.Changed:remove(onChange), tostring(c.Changed)");
        Assert.Equal(3.0, r[0].ToDouble());
        Assert.Equal(10.0, r[1].ToDouble());
        Assert.True(r[2].ToBoolean());
        Assert.True(r[3].ToBoolean());
        Assert.False(r[4].ToBoolean());
        Assert.Equal("event Counter.Changed", r[5].ToUtf8String());
        Assert.Equal("demo:1: bad argument #1 to 'add' (function expected, got number)", Fails(lua, "c.Changed:add(1)").Message);
    }

    [Fact]
    public void ExceptionsThrownByMembersAreLuaErrors()
    {
        var lua = new LuaState();
        lua.RegisterType<Account>();
        lua.RegisterType<Vector>();
        lua.SetGlobal("acct", new Account());
        lua.SetGlobal("v", new Vector(1, 1));
        var failed = Fails(lua, "acct:Withdraw(100)");
        Assert.Equal("demo:1: Account.Withdraw: insufficient funds", failed.Message);
        // the .NET caller gets the exception itself, with its type and stack, as the inner one
        var inner = Assert.IsType<InvalidOperationException>(failed.InnerException);
        Assert.Contains(nameof(Account.Withdraw), inner.StackTrace);
        Assert.Equal("demo:1: Vector.Fail: cannot do that", Fails(lua, "v:Fail()").Message);
        var r = lua.DoString("acct:Withdraw(4) local ok, e = pcall(acct.Withdraw, acct, 100) return acct.Balance, ok, e");
        Assert.Equal(6.0, r[0].ToDouble());
        Assert.False(r[1].ToBoolean());
        Assert.Equal("Account.Withdraw: insufficient funds", r[2].ToUtf8String());
    }

    [Fact]
    public void AutomaticModeExposesUnregisteredTypes()
    {
        var lua = new LuaState();
        lua.SetGlobal("acct", new Account());
        Assert.Equal("ann", lua.DoString("return acct.Owner")[0].ToUtf8String());
    }

    [Fact]
    public void AllowListModeExposesOnlyListedMembersOfRegisteredTypes()
    {
        var lua = LuaState.CreateSandbox();
        lua.InteropMode = LuaInteropMode.AllowList;
        Assert.Throws<ArgumentException>(() => lua.RegisterType<Account>());
        lua.RegisterType<Account>(new LuaTypeOptions { Members = ["Balance", "Withdraw"] });
        lua.SetGlobal("acct", new Account());
        lua.SetGlobal("v", new Vector(1, 2)); // not registered: opaque
        var r = lua.DoString("acct:Withdraw(1) return acct.Balance, type(v)");
        Assert.Equal(9.0, r[0].ToDouble());
        Assert.Equal("userdata", r[1].ToUtf8String());
        Assert.Equal("demo:1: Account has no member 'Owner'", Fails(lua, "return acct.Owner").Message);
        Assert.Equal("demo:1: Account has no member 'Close'", Fails(lua, "acct:Close()").Message);
        Assert.Equal("demo:1: attempt to index global 'v' (a userdata value)", Fails(lua, "return v.X").Message);
        Assert.Equal("demo:1: Account has no static member 'new'", Fails(lua, "return Account.new()").Message);
        Assert.Equal("demo:1: attempt to call global 'Account' (a table value)", Fails(lua, "return Account()").Message);
    }

    [Fact]
    public void RegisteredBaseTypesExposeDerivedObjects()
    {
        var lua = new LuaState { InteropMode = LuaInteropMode.AllowList };
        lua.RegisterType<Stream>(new LuaTypeOptions { Members = ["Length", "CanWrite"], CreateGlobal = false });
        lua.SetGlobal("s", new MemoryStream(new byte[5]));
        var r = lua.DoString("return s.Length, s.CanWrite");
        Assert.Equal(5.0, r[0].ToDouble());
        Assert.True(r[1].ToBoolean());
        Assert.Equal("demo:1: Stream has no member 'Position'", Fails(lua, "return s.Position").Message);
    }

    [Fact]
    public void ReflectionTypesAreNeverExposed()
    {
        var lua = new LuaState();
        lua.SetGlobal("t", typeof(string)); // a System.Type: hidden as a whole (its members are reflection)
        Assert.Contains("no member 'Assembly'", Fails(lua, "return t.Assembly").Message);
        Assert.Contains("no member 'Name'", Fails(lua, "return t.Name").Message);
        Assert.Contains("no member 'InvokeMember'", Fails(lua, "return t.InvokeMember").Message);
    }

    /// <summary>Used only by the interpreted test, so that its binding is built while interpreting.</summary>
    public sealed class Thermometer
    {
        public double Celsius { get; set; }
        public double Fahrenheit(double offset = 0) => Celsius * 9 / 5 + 32 + offset;
        public static Thermometer At(double celsius) => new() { Celsius = celsius };
    }

    [Fact]
    public void WithoutDynamicCodeTheSameBindingsAreInterpreted()
    {
        // What Native AOT (RuntimeFeature.IsDynamicCodeSupported false) does: expression trees interpreted.
        LuaVm.Interop.Compile.Interpret = true;
        try
        {
            var lua = new LuaState();
            lua.RegisterType<Thermometer>();
            lua.Register("half", (Func<decimal, decimal>)(d => d / 2));
            var r = lua.DoString("local t = Thermometer.At(100) t.Celsius = t.Celsius / 2 return t:Fahrenheit(), t:Fahrenheit(1), half(3)");
            Assert.Equal(122.0, r[0].ToDouble());
            Assert.Equal(123.0, r[1].ToDouble());
            Assert.Equal(1.5, r[2].ToDouble());
            Assert.Equal("demo:1: bad argument #1 to 'Fahrenheit' (number expected, got string)", Fails(lua, "Thermometer.At(1):Fahrenheit('x')").Message);
        }
        finally
        {
            LuaVm.Interop.Compile.Interpret = false;
        }
    }

    [Fact]
    public void StructsAreCopiedAndTheirFieldsSetInPlace()
    {
        var lua = new LuaState();
        lua.SetGlobal("p", new System.Drawing.Point(1, 2));
        var r = lua.DoString("p.X = 5 local q = p.IsEmpty return p.X, p.Y, q");
        Assert.Equal(5.0, r[0].ToDouble());
        Assert.Equal(2.0, r[1].ToDouble());
        Assert.False(r[2].ToBoolean());
    }
}
