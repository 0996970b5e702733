using System.Runtime;
using LuaVm.Runtime;
using Xunit;

namespace LuaConformance.Tests.Runtime;

/// <summary>
/// Numbers are stored with a plain write of the number tag, no GC write barrier
/// (<c>LuaValue.StoreNumber</c>), where the host asks for it (this test project does, as kraken
/// does). That is only sound while the tag never moves, and only fast while it is old: these
/// tests store numbers into slots of old and young arrays over values of every kind, make the
/// collector compact every generation many times, and check that each slot still reads as its
/// number and that the tag is still old. Scripts doing the same are the golden case
/// numbers_over_objects_collected.
/// </summary>
public sealed class LuaValueTests
{
    [Fact]
    public void TheNumberTagStaysOldThroughCompactingCollections()
    {
        Assert.NotEqual(0, LuaValue.NumberTagBits); // the switch in this project's runtimeconfig
        for (int generation = 0; generation <= GC.MaxGeneration; generation++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(generation, GCCollectionMode.Forced, blocking: true, compacting: true);
            // left young, every old array holding numbers would point into the young generation
            Assert.Equal(GC.MaxGeneration, GC.GetGeneration(LuaValue.NumberTag));
        }
    }

    [Fact]
    public void NumbersStoredWithoutABarrierSurviveCompactingCollections()
    {
        var old = new LuaValue[512];
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true); // old is in gen2 now
        var table = new LuaTable();
        var garbage = new List<object>();
        for (int round = 0; round < 40; round++)
        {
            var young = new LuaValue[64];
            for (int i = 0; i < old.Length; i++)
            {
                // over a young table, a string, a boolean, nil and a number in turn
                old[i] = (i % 5) switch
                {
                    0 => new LuaValue(new LuaTable()),
                    1 => LuaString.FromLatin1("s" + i),
                    2 => LuaValue.True,
                    3 => LuaValue.Nil,
                    _ => new LuaValue(1.5),
                };
                LuaValue.StoreNumber(ref old[i], round * 1000 + i);
            }
            for (int i = 0; i < young.Length; i++) LuaValue.Assign(ref young[i], old[i]);
            table.Set(round + 1, old[round]);
            for (int i = 0; i < 2000; i++) garbage.Add(new byte[64]); // work for the young collections
            if (round % 4 == 3) garbage.Clear();
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(round % 3, GCCollectionMode.Forced, blocking: true, compacting: true);
            Assert.Equal(GC.MaxGeneration, GC.GetGeneration(LuaValue.NumberTag));
            for (int i = 0; i < old.Length; i++)
            {
                Assert.True(old[i].IsNumber, $"slot {i} lost its number tag in round {round}");
                Assert.Equal(round * 1000 + i, old[i].Num);
            }
            Assert.All(young, v => Assert.Equal(LuaType.Number, v.Type));
        }
        for (int round = 0; round < 40; round++) Assert.Equal(round * 1000 + round, table.GetInt(round + 1).Num);
    }
}
