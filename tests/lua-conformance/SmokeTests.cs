using LuaVm.Runtime;
using Xunit;

namespace LuaConformance.Tests;

public sealed class RuntimeSmokeTests
{
    [Fact]
    public void NumbersFormatLikePercent14g()
    {
        Assert.Equal("1e+15", NumberFormat.Format(1e15));
        Assert.Equal("1.2345678901234e+14", NumberFormat.Format(123456789012345));
        Assert.Equal("0.1", NumberFormat.Format(0.1));
        Assert.Equal("3.1415926535898", NumberFormat.Format(Math.PI));
        Assert.Equal("1e-05", NumberFormat.Format(1e-5));
        Assert.Equal("-0", NumberFormat.Format(-0.0));
        Assert.Equal("inf", NumberFormat.Format(double.PositiveInfinity));
    }

    [Fact]
    public void TableArrayAndHashParts()
    {
        var t = new LuaTable();
        for (int i = 1; i <= 100; i++) t.SetInt(i, i * 2);
        t.Set("x", 5);
        Assert.Equal(100, t.Length());
        Assert.Equal(200.0, t.GetInt(100).Num);
        Assert.Equal(5.0, t.Get("x").Num);
        int count = 0;
        var k = LuaValue.Nil;
        while (t.Next(k, out var nk, out _)) { count++; k = nk; }
        Assert.Equal(101, count);
    }
}
