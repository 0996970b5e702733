
namespace LuaVm.Runtime;

// What a table holds, for the per-state memory count (HeapWalk.cs, AllocationMeter.cs).
public sealed partial class LuaTable
{
    /// <summary>Node: two values (16 bytes each), the hash and the chain link.</summary>
    private const int NodeBytes = 40;

    /// <summary>The table object, its array part and its hash part (nodes and buckets), as allocated.</summary>
    internal long EstimatedBytes() => ObjectSizes.Table
        + (_array.Length == 0 ? 0 : ObjectSizes.Array(_array.Length, 16))
        + (_nodes.Length == 0 ? 0 : HashPartBytes(_nodes.Length));

    private static long HashPartBytes(int nodes) => ObjectSizes.Array(nodes, NodeBytes) + ObjectSizes.Array(nodes, 4);

    /// <summary>Hands the walk the keys, values and metatable this table holds; weak references do not hold.</summary>
    internal void VisitContents(HeapWalk walk)
    {
        bool weakKeys = WeakKeys, weakValues = WeakValues;
        var array = _array;
        if (weakValues)
            foreach (var v in array) walk.VisitWeak(v);
        else
            foreach (var v in array) walk.Visit(v);
        var nodes = _nodes;
        for (int i = 0, n = Math.Min(_nodeCount, nodes.Length); i < n; i++)
        {
            ref Node node = ref nodes[i];
            if (node.Value.IsNil) continue; // a dead key holds nothing
            if (weakKeys) walk.VisitWeak(node.Key);
            else walk.Visit(node.Key);
            if (weakValues) walk.VisitWeak(node.Value);
            else walk.Visit(node.Value);
        }
        if (Metatable is { } mt) walk.Visit(mt);
    }

    /// <summary>Reports a new array part to the meter; one too big for the running state's budget fails before it is made.</summary>
    private static void ChargeArrayPart(int slots)
    {
        long bytes = ObjectSizes.Array(slots, 16);
        if (bytes >= LargePart) AllocationMeter.Current?.EnsureRoom(bytes);
        AllocationMeter.Charge(bytes);
    }

    /// <summary>Reports a new hash part to the meter, as <see cref="ChargeArrayPart"/>.</summary>
    private static void ChargeHashPart(int nodes)
    {
        long bytes = HashPartBytes(nodes);
        if (bytes >= LargePart) AllocationMeter.Current?.EnsureRoom(bytes);
        AllocationMeter.Charge(bytes);
    }

    /// <summary>A part this big is checked against the budget before it is allocated (a walk, when the count is close to it).</summary>
    private const long LargePart = 1 << 20;
}
