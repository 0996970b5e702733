using System.Runtime.CompilerServices;

namespace LuaVm.Runtime;

/// <summary>
/// A Lua table, built like Lua 5.1's (ltable.c): an array part for integer keys 1..n and a hash
/// part for everything else. The hash part is a node array with chaining through indices; a key
/// whose value is set to nil stays in place ("dead") until the next rehash, so next() order is
/// stable while a traversal assigns or clears existing fields. When the hash part is full, a
/// rehash counts the integer keys and picks the largest array size that would be more than half
/// full, as lua5.1 does, so that #t and traversal behave like the reference.
/// </summary>
public sealed partial class LuaTable : LuaObject
{
    private struct Node
    {
        public LuaValue Key;
        public LuaValue Value;
        public int Hash;
        public int Next; // index of the next node in the chain, -1 at the end
    }

    private static readonly Node[] NoNodes = [];
    private static readonly int[] NoBuckets = [];

    private LuaValue[] _array = [];
    private Node[] _nodes = NoNodes;
    private int[] _buckets = NoBuckets; // head node index per bucket, -1 when empty
    private int _nodeCount;             // nodes in use (live or dead), allocated in order
    private int _layoutVersion;         // changes when the parts are reallocated (see LuaTable.Collection.cs)
    // The array part's border when the array part is dense: slots below it all hold values and
    // those from it on are all nil, so that the border is the only one there and the length
    // operator's binary search could find no other (`t[#t + 1] = v` then costs no search). -1
    // once a write leaves a hole or a value past the border, until the array part is rebuilt.
    private int _border;

    /// <summary>
    /// Cache of metamethods known to be absent (bit i set = event i absent), like lua5.1's
    /// Table.flags. Cleared whenever this table is written with a string key, since it may be a
    /// metatable whose fields change.
    /// </summary>
    public byte AbsentMetamethods;

    /// <summary>Weak-mode flags from __mode (set by setmetatable); see <see cref="WeakKeys"/>.</summary>
    public bool WeakKeys, WeakValues;

    /// <summary>True once the collector knows this table is weak (see the collector in src/LuaVm/Vm).</summary>
    internal bool WeakRegistered;

    /// <summary>Creates an empty table.</summary>
    public LuaTable() : base(LuaType.Table) => AllocationMeter.Charge(ObjectSizes.Table);

    /// <summary>Creates a table with room for the given array and hash sizes (OP_NEWTABLE's hints).</summary>
    public LuaTable(int arraySize, int hashSize) : base(LuaType.Table)
    {
        AllocationMeter.Charge(ObjectSizes.Table);
        if (arraySize > 0)
        {
            ChargeArrayPart(arraySize);
            _array = new LuaValue[arraySize];
        }
        if (hashSize > 0) AllocateNodes(RoundUpPow2(hashSize));
    }

    /// <summary>Size of the array part.</summary>
    public int ArraySize => _array.Length;

    /// <summary>
    /// The array part itself (index 0 holds key 1), for reading in fast paths of the VM and
    /// libraries; code that writes into it calls <see cref="ArrayPartWritten"/> afterwards.
    /// </summary>
    internal LuaValue[] ArrayPart => _array;

    /// <summary>Grows the array part to at least <paramref name="size"/> slots (SETLIST's luaH_resizearray).</summary>
    public void EnsureArraySize(int size)
    {
        if (size <= _array.Length) return;
        ChargeArrayPart(size);
        var oldNodes = _nodes;
        int oldCount = _nodeCount;
        Array.Resize(ref _array, size);
        _layoutVersion++;
        // Integer keys now inside the array part must move there from the hash part.
        bool moved = false;
        for (int i = 0; i < oldCount && !moved; i++)
            if (!oldNodes[i].Value.IsNil && oldNodes[i].Key.IsNumber && IsArrayCandidate(oldNodes[i].Key, out int k) && k <= size) moved = true;
        if (!moved) return;
        AllocateNodes(oldNodes.Length);
        MoveNodes(oldNodes, oldCount);
        _border = DenseBorder(_array);
    }

    // ---- reading ----

    /// <summary>Raw get (rawget).</summary>
    public LuaValue Get(in LuaValue key)
    {
        if (key.IsNumber) return GetNumber(key.Num);
        if (key.Obj is LuaString s) return GetStr(s);
        if (key.IsNil) return LuaValue.Nil;
        int i = FindNode(key, HashOf(key));
        return i >= 0 ? _nodes[i].Value : LuaValue.Nil;
    }

    /// <summary>Raw get with an integer key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public LuaValue GetInt(long key)
    {
        if ((ulong)(key - 1) < (ulong)_array.Length) return _array[key - 1];
        return GetNumberFromHash(key);
    }

    /// <summary>Raw get with a number key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public LuaValue GetNumber(double key)
    {
        long k = (long)key;
        if (k == key && (ulong)(k - 1) < (ulong)_array.Length) return _array[k - 1];
        return GetNumberFromHash(key);
    }

    private LuaValue GetNumberFromHash(double key)
    {
        if (_nodeCount == 0) return LuaValue.Nil;
        int h = HashNumber(key);
        for (int i = _buckets[h & (_buckets.Length - 1)]; i >= 0; i = _nodes[i].Next)
        {
            ref Node n = ref _nodes[i];
            if (n.Key.IsNumber && n.Key.Num == key) return n.Value;
        }
        return LuaValue.Nil;
    }

    /// <summary>Raw get with a string key (the hottest path: field access).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public LuaValue GetStr(LuaString key)
    {
        // the node where this very string object was last found, in this table or another: a
        // node holding it is its entry here (a key has one node per table, kept until a rehash)
        var nodes = _nodes;
        int hint = key.SlotHint;
        if ((uint)hint < (uint)nodes.Length && ReferenceEquals(nodes[hint].Key.Obj, key)) return nodes[hint].Value;
        return SearchStr(key);
    }

    /// <summary>GetStr's hash search; remembers where the key was found (<see cref="LuaString.SlotHint"/>).</summary>
    private LuaValue SearchStr(LuaString key)
    {
        if (_nodeCount == 0) return LuaValue.Nil;
        int h = key.GetHashCode();
        var nodes = _nodes;
        for (int i = _buckets[h & (_buckets.Length - 1)]; i >= 0; i = nodes[i].Next)
        {
            ref Node n = ref nodes[i];
            if (ReferenceEquals(n.Key.Obj, key))
            {
                key.SlotHint = i;
                return n.Value;
            }
            if (n.Hash == h && n.Key.Obj is LuaString s && s.ContentEquals(key)) return n.Value;
        }
        return LuaValue.Nil;
    }

    /// <summary>Raw get with a .NET string key (its UTF-8 bytes); convenient for libraries, not for hot paths.</summary>
    public LuaValue Get(string key) => GetStr(LuaString.FromUtf8(key));

    // ---- writing ----

    /// <summary>
    /// Raw set (rawset). The caller must have rejected nil and NaN keys with the proper Lua error
    /// ("table index is nil" / "table index is NaN"); here they throw ArgumentException.
    /// </summary>
    public void Set(in LuaValue key, in LuaValue value)
    {
        if (key.IsNumber)
        {
            SetNumber(key.Num, value);
            return;
        }
        if (key.Obj is LuaString s)
        {
            SetStr(s, value);
            return;
        }
        if (key.IsNil) throw new ArgumentException("table index is nil");
        SetInHash(key, HashOf(key), value);
    }

    /// <summary>Raw set with an integer key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetInt(long key, in LuaValue value)
    {
        var array = _array;
        if ((ulong)(key - 1) < (ulong)array.Length)
        {
            if (array[key - 1].IsNil != value.IsNil) TrackBorder((int)key - 1, value.IsNil);
            Put(array, key - 1, value);
            return;
        }
        SetNumberSlow(key, value);
    }

    /// <summary>Raw set with a number key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetNumber(double key, in LuaValue value)
    {
        long k = (long)key;
        var array = _array;
        if (k == key && (ulong)(k - 1) < (ulong)array.Length)
        {
            if (array[k - 1].IsNil != value.IsNil) TrackBorder((int)k - 1, value.IsNil);
            Put(array, k - 1, value);
            return;
        }
        SetNumberSlow(key, value);
    }

    /// <summary>
    /// A value into an array slot. A number goes in without a GC write barrier
    /// (<see cref="LuaValue.StoreNumber"/>); anything else by an element store, not one through a
    /// ref, which keeps the GC's cheaper barrier.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put(LuaValue[] array, long index, in LuaValue value)
    {
        if (value.IsNumber) LuaValue.StoreNumber(ref array[index], value.Num);
        else array[index] = value;
    }

    /// <summary>A value into a node (as <see cref="Put"/> does for the array part).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PutValue(Node[] nodes, int index, in LuaValue value)
    {
        if (value.IsNumber) LuaValue.StoreNumber(ref nodes[index].Value, value.Num);
        else nodes[index].Value = value;
    }

    /// <summary>
    /// Array slot <paramref name="index"/> is about to gain a value or lose it: a dense array part
    /// stays dense when that moves its border by one (an append, or a removal of the last value),
    /// and is no longer known to be dense otherwise.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // off the stores' path: most stores replace a value by a value
    private void TrackBorder(int index, bool becomesNil)
    {
        int border = _border;
        if (border < 0) return;
        _border = becomesNil ? (index == border - 1 ? border - 1 : -1) : (index == border ? border + 1 : -1);
    }

    /// <summary>The border of a dense array part (see <see cref="_border"/>), or -1 when it has holes.</summary>
    private static int DenseBorder(LuaValue[] array)
    {
        int border = 0;
        while (border < array.Length && !array[border].IsNil) border++;
        for (int i = border + 1; i < array.Length; i++)
            if (!array[i].IsNil) return -1;
        return border;
    }

    /// <summary>
    /// Code that filled <see cref="ArrayPart"/> itself (a decoder building an array) calls this
    /// once it has, so that the length operator sees what it wrote.
    /// </summary>
    internal void ArrayPartWritten() => _border = DenseBorder(_array);

    private void SetNumberSlow(double key, in LuaValue value)
    {
        if (double.IsNaN(key)) throw new ArgumentException("table index is NaN");
        if (key == 0) key = 0; // -0 and 0 are the same key
        SetInHash(new LuaValue(key), HashNumber(key), value);
    }

    /// <summary>Raw set with a string key.</summary>
    public void SetStr(LuaString key, in LuaValue value)
    {
        AbsentMetamethods = 0;
        IndexCache = null;
        if (_isChainLink) NoteChainLinkWrite(key, value);
        // an existing field, found where this string was last found or stored (as GetStr finds it)
        var nodes = _nodes;
        int hint = key.SlotHint;
        if ((uint)hint < (uint)nodes.Length && ReferenceEquals(nodes[hint].Key.Obj, key))
        {
            PutValue(nodes, hint, value);
            return;
        }
        SetInHash(new LuaValue(key), key.GetHashCode(), value);
    }

    /// <summary>Raw set with a .NET string key (its UTF-8 bytes; the key string is shared, see <see cref="LuaString.Shared(string)"/>).</summary>
    public void Set(string key, in LuaValue value) => SetStr(LuaString.Shared(key), value);

    private void SetInHash(in LuaValue key, int hash, in LuaValue value)
    {
        int i = FindNode(key, hash);
        if (i >= 0)
        {
            PutValue(_nodes, i, value);
            return;
        }
        if (value.IsNil) return;
        if (_nodeCount == _nodes.Length)
        {
            Rehash(key);
            // The rehash may have moved integer keys (this one included) into the array part.
            if (key.IsNumber) SetNumber(key.Num, value);
            else SetInHash(key, hash, value);
            return;
        }
        InsertNew(key, hash, value);
    }

    /// <summary>A key not in the table, into the hash part, which has room for it.</summary>
    private void InsertNew(in LuaValue key, int hash, in LuaValue value)
    {
        int idx = _nodeCount++;
        // objects built alike store their fields at the same nodes: the next object's lookup or
        // store of this field finds it at once
        if (key.Obj is LuaString s) s.SlotHint = idx;
        var nodes = _nodes;
        ref Node n = ref nodes[idx];
        LuaValue.Assign(ref n.Key, key);
        PutValue(nodes, idx, value);
        n.Hash = hash;
        int b = hash & (_buckets.Length - 1);
        n.Next = _buckets[b];
        _buckets[b] = idx;
    }

    private int FindNode(in LuaValue key, int hash)
    {
        if (_nodeCount == 0) return -1;
        var nodes = _nodes;
        for (int i = _buckets[hash & (_buckets.Length - 1)]; i >= 0; i = nodes[i].Next)
            if (nodes[i].Hash == hash && LuaValue.RawEquals(nodes[i].Key, key)) return i;
        return -1;
    }

    // ---- length and traversal ----

    /// <summary>The length operator on a table (a border, found the way lua5.1's luaH_getn finds it).</summary>
    public int Length()
    {
        int j = _array.Length;
        int border = _border;
        if (border >= 0 && border < j) return border; // dense, and not full
        if (j > 0 && _array[j - 1].IsNil)
        {
            int i = 0;
            while (j - i > 1)
            {
                int m = (int)(((uint)i + (uint)j) / 2);
                if (_array[m - 1].IsNil) j = m;
                else i = m;
            }
            return i;
        }
        if (_nodeCount == 0) return j;
        return UnboundSearch(j);
    }

    private int UnboundSearch(int j)
    {
        long i = j;
        long k = j + 1L;
        while (!GetInt(k).IsNil)
        {
            i = k;
            k *= 2;
            if (k > int.MaxValue)
            {
                // A pathological table: fall back to a linear search like lua5.1.
                long n = 1;
                while (!GetInt(n).IsNil) n++;
                return (int)(n - 1);
            }
        }
        while (k - i > 1)
        {
            long m = (i + k) / 2;
            if (GetInt(m).IsNil) k = m;
            else i = m;
        }
        return (int)i;
    }

    /// <summary>
    /// The traversal step of next(): the entry after <paramref name="key"/> (nil starts).
    /// Returns false at the end. Throws <see cref="KeyNotFoundException"/> for a key that is not
    /// in the table (the caller raises "invalid key to 'next'").
    /// </summary>
    public bool Next(in LuaValue key, out LuaValue nextKey, out LuaValue nextValue)
    {
        int index = IndexAfter(key);
        if (index < 0) throw new KeyNotFoundException("invalid key to 'next'");
        return NextFrom(index, out nextKey, out nextValue);
    }

    /// <summary>
    /// <see cref="Next"/> for a caller that cannot throw (next's short path): 1 with the entry
    /// after <paramref name="key"/>, 0 at the end, -1 when the table does not hold the key.
    /// </summary>
    internal int TryNext(in LuaValue key, out LuaValue nextKey, out LuaValue nextValue)
    {
        int index = IndexAfter(key);
        if (index < 0)
        {
            nextKey = nextValue = default;
            return -1;
        }
        return NextFrom(index, out nextKey, out nextValue) ? 1 : 0;
    }

    /// <summary>The first entry at or after position <paramref name="index"/> (the array part, then the nodes).</summary>
    private bool NextFrom(int index, out LuaValue nextKey, out LuaValue nextValue)
    {
        for (; index < _array.Length; index++)
        {
            if (!_array[index].IsNil)
            {
                nextKey = new LuaValue(index + 1);
                nextValue = _array[index];
                return true;
            }
        }
        for (int i = index - _array.Length; i < _nodeCount; i++)
        {
            if (!_nodes[i].Value.IsNil)
            {
                nextKey = _nodes[i].Key;
                nextValue = _nodes[i].Value;
                return true;
            }
        }
        nextKey = LuaValue.Nil;
        nextValue = LuaValue.Nil;
        return false;
    }

    private int IndexAfter(in LuaValue key)
    {
        if (key.IsNil) return 0;
        if (key.IsNumber)
        {
            long k = (long)key.Num;
            if (k == key.Num && (ulong)(k - 1) < (ulong)_array.Length) return (int)k;
        }
        int i = FindNode(key, HashOf(key));
        return i < 0 ? -1 : _array.Length + i + 1;
    }

    // ---- rehash ----

    private void Rehash(in LuaValue extraKey)
    {
        // nums[b] = number of integer keys k with 2^(b-1) < k <= 2^b, as in ltable.c.
        Span<int> nums = stackalloc int[32];
        int totalInts = 0, total = 0;
        for (int i = 0; i < _array.Length; i++)
        {
            if (_array[i].IsNil) continue;
            nums[CeilLog2(i + 1)]++;
            totalInts++;
            total++;
        }
        for (int i = 0; i < _nodeCount; i++)
        {
            if (_nodes[i].Value.IsNil) continue;
            total++;
            if (IsArrayCandidate(_nodes[i].Key, out int k))
            {
                nums[CeilLog2(k)]++;
                totalInts++;
            }
        }
        total++;
        if (IsArrayCandidate(extraKey, out int ek))
        {
            nums[CeilLog2(ek)]++;
            totalInts++;
        }
        int arraySize = ComputeArraySize(nums, totalInts, out int inArray);
        Resize(arraySize, total - inArray);
    }

    private static bool IsArrayCandidate(in LuaValue key, out int k)
    {
        k = 0;
        if (!key.IsNumber) return false;
        double d = key.Num;
        if (d < 1 || d > (1 << 30) || d != Math.Floor(d)) return false;
        k = (int)d;
        return true;
    }

    private static int ComputeArraySize(ReadOnlySpan<int> nums, int totalInts, out int inArray)
    {
        int a = 0, na = 0, n = 0;
        for (int b = 0, twoToB = 1; b < 31 && twoToB / 2 < totalInts; b++, twoToB <<= 1)
        {
            if (nums[b] > 0)
            {
                a += nums[b];
                if (a > twoToB / 2)
                {
                    n = twoToB;
                    na = a;
                }
            }
        }
        inArray = na;
        return n;
    }

    private static int CeilLog2(int x)
    {
        // ceil(log2(x)) for x >= 1
        return x <= 1 ? 0 : 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)(x - 1));
    }

    private void Resize(int arraySize, int hashCount)
    {
        var oldArray = _array;
        var oldNodes = _nodes;
        int oldCount = _nodeCount;
        int oldBorder = _border;
        _border = -1; // found again at the end, once the values have moved
        // both new parts are reported (and a huge one refused) before anything changes
        if (arraySize != oldArray.Length && arraySize > 0) ChargeArrayPart(arraySize);
        if (hashCount > 0) ChargeHashPart(RoundUpPow2(hashCount));
        if (arraySize != oldArray.Length)
        {
            var na = new LuaValue[arraySize];
            Array.Copy(oldArray, na, Math.Min(arraySize, oldArray.Length));
            _array = na;
            _layoutVersion++;
        }
        AllocateNodes(hashCount <= 0 ? 0 : RoundUpPow2(hashCount), charged: true);
        if (hashCount > 0 && _metatable is not null) NoteObjectNodes(_nodes.Length);
        // Array slots beyond the new size move to the hash part.
        for (int i = arraySize; i < oldArray.Length; i++)
            if (!oldArray[i].IsNil) SetInt(i + 1, oldArray[i]);
        MoveNodes(oldNodes, oldCount);
        // a hash part rebuilt alone moves no key into the array part, which is as it was
        _border = ReferenceEquals(_array, oldArray) ? oldBorder : DenseBorder(_array);
    }

    /// <summary>
    /// The live entries of a hash part just replaced by a larger (or emptier) one: each key, found
    /// once in the old part, is new to the new parts, so it goes in without being searched for;
    /// an integer key the array part now covers goes there. The caller finds the border again.
    /// </summary>
    private void MoveNodes(Node[] oldNodes, int oldCount)
    {
        var array = _array;
        for (int i = 0; i < oldCount; i++)
        {
            ref Node n = ref oldNodes[i];
            if (n.Value.IsNil) continue;
            if (n.Key.IsNumber)
            {
                double d = n.Key.Num;
                long k = (long)d;
                if (k == d && (ulong)(k - 1) < (ulong)array.Length)
                {
                    array[k - 1] = n.Value;
                    continue;
                }
            }
            InsertNew(n.Key, n.Hash, n.Value);
        }
    }

    private void AllocateNodes(int size, bool charged = false)
    {
        if (size > 0 && !charged) ChargeHashPart(size);
        _layoutVersion++;
        _nodeCount = 0;
        if (size == 0)
        {
            _nodes = NoNodes;
            _buckets = NoBuckets;
            return;
        }
        _nodes = new Node[size];
        _buckets = new int[size];
        Array.Fill(_buckets, -1);
    }

    private static int RoundUpPow2(int n) => n <= 1 ? 1 : (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)n);

    // ---- hashing ----

    // A bucket is picked by the hash's low bits, so every bit of the number must reach them. The
    // bits of a double holding an integer are mostly zeros at the bottom (the whole low word, and
    // more, is zero for a key below 2^20), and keys with a stride (i*4096+j)
    // share their low bits: both piled keys into a few buckets (a memo table keyed by i*4096+j ran
    // 3 times slower than lua5.1). An integer hashes by its value, anything else by its bits folded
    // in half; a multiply by 2^64/phi then mixes every input bit into the hash (Fibonacci hashing).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int HashNumber(double d)
    {
        long k = (long)d;
        ulong x;
        if (k == d) x = (ulong)k; // 0 and -0 alike
        else
        {
            x = (ulong)BitConverter.DoubleToInt64Bits(d);
            x ^= x >> 32;
        }
        return (int)((x * 0x9E3779B97F4A7C15UL) >> 32);
    }

    private static int HashOf(in LuaValue key)
    {
        if (key.IsNumber) return HashNumber(key.Num);
        if (key.Obj is LuaString s) return s.GetHashCode();
        return key.Obj is null ? 0 : RuntimeHelpers.GetHashCode(key.Obj);
    }

    // ---- weak tables ----

    private sealed class DeadKeyMarker() : LuaObject(LuaType.Nil);
    private static readonly LuaValue DeadKey = new(new DeadKeyMarker());

    /// <summary>
    /// Drops the references that removed entries still hold to their keys (a removed entry keeps
    /// its key so that next() can continue past it), so the collector can free those keys.
    /// A traversal standing on such a key cannot continue, as with lua5.1's collected dead keys.
    /// </summary>
    internal void ForgetRemovedKeys()
    {
        for (int i = 0; i < _nodeCount; i++)
        {
            ref Node n = ref _nodes[i];
            if (n.Value.IsNil && n.Key.Obj is not (null or LuaString) && !n.Key.IsNumber && !n.Key.IsBoolean) n.Key = DeadKey;
        }
    }
}
