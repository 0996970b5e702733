using LuaVm.Runtime;
using Xunit;

namespace LuaConformance.Tests.Runtime;

/// <summary>
/// LuaTable against a dictionary model. String keys are looked up through a per-string hint
/// (<c>LuaString.SlotHint</c>, the node where the same string object was last found, in any
/// table), so these tests share key objects between tables of different layouts, remove keys,
/// force rehashes, and use equal strings that are different objects.
/// </summary>
public sealed class LuaTableTests
{
    public static TheoryData<int> Seeds() => new(Enumerable.Range(1, 5));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void StringKeysAgreeWithAModelAcrossTablesSharingKeyObjects(int seed)
    {
        var random = new Random(seed);
        var names = Enumerable.Range(0, 64).Select(i => "k" + i).ToArray();
        // the same key object for every table (as constants and library names are), and a
        // second, equal object for some accesses (as strings built at run time are)
        var shared = names.Select(LuaString.FromLatin1).ToArray();
        var tables = Enumerable.Range(0, 6).Select(_ => new LuaTable()).ToArray();
        var models = tables.Select(_ => new Dictionary<string, double>()).ToArray();

        for (int step = 0; step < 20000; step++)
        {
            int t = random.Next(tables.Length);
            int k = random.Next(names.Length);
            var key = random.Next(4) == 0 ? LuaString.FromLatin1(names[k]) : shared[k];
            switch (random.Next(10))
            {
                case < 4:
                    double v = random.Next(1000);
                    tables[t].SetStr(key, new LuaValue(v));
                    models[t][names[k]] = v;
                    break;
                case < 5:
                    tables[t].SetStr(key, LuaValue.Nil);
                    models[t].Remove(names[k]);
                    break;
                case < 6 when random.Next(50) == 0:
                    // a fresh table: every shared key's hint now points into other layouts
                    tables[t] = new LuaTable();
                    models[t].Clear();
                    break;
                default:
                    var got = tables[t].GetStr(key);
                    if (models[t].TryGetValue(names[k], out double expected)) Assert.Equal(expected, got.Num);
                    else Assert.True(got.IsNil, $"step {step}: {names[k]} should be absent from table {t}");
                    break;
            }
        }
        for (int t = 0; t < tables.Length; t++)
            for (int k = 0; k < names.Length; k++)
            {
                var got = tables[t].GetStr(shared[k]);
                Assert.Equal(models[t].TryGetValue(names[k], out double v) ? new LuaValue(v) : LuaValue.Nil, got);
            }
    }

    [Fact]
    public void AKeyFoundInOneTableIsNotFoundInAnotherAtTheSameNode()
    {
        var a = new LuaTable();
        var b = new LuaTable();
        var x = LuaString.FromLatin1("x");
        var y = LuaString.FromLatin1("y");
        a.SetStr(x, new LuaValue(1)); // node 0 of a
        b.SetStr(y, new LuaValue(2)); // node 0 of b
        Assert.Equal(1, a.GetStr(x).Num); // x's hint: node 0
        Assert.True(b.GetStr(x).IsNil);   // node 0 of b holds y, not x
        Assert.Equal(2, b.GetStr(y).Num);
        b.SetStr(x, new LuaValue(3));     // node 1 of b
        Assert.Equal(3, b.GetStr(x).Num);
        Assert.Equal(1, a.GetStr(x).Num); // x's hint is now 1, and node 1 of a does not hold x: searched
    }
}
