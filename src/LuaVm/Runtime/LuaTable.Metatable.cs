namespace LuaVm.Runtime;

// A table as a metatable: the metatable itself, and what a metatable remembers of its objects
// (MetatableMemory, made when there is something to remember): its "__index" field; where a
// string key absent from an object was found along its chain of __index tables (its class, the
// base class...), so that the next object of the same class finds a method with one lookup
// instead of one per level (Jit/FastPaths.cs); and how big its objects' hash parts grow.
public sealed partial class LuaTable
{
    /// <summary>
    /// Changes whenever a table that some remembered lookup went through changes in a way that
    /// could change where a key is found: a key appearing in it (or leaving it: Holder's lookup
    /// then finds nil and the chain is searched again), its metatable replaced, or its
    /// "__index" written. Every remembered lookup older than the last change is forgotten.
    /// One counter for the whole process: states on other threads only make this one forget
    /// more than it needs to. It only grows (an interlocked increment: two threads' increments
    /// must not come out as one, which could bring a value back and with it forgotten lookups).
    /// </summary>
    private static int s_chainEpoch;

    /// <summary>Set once a remembered lookup depends on this table (a metatable whose __index was followed, or a table searched); never cleared.</summary>
    private bool _isChainLink;

    /// <summary>
    /// What this table remembers as a metatable, made the first time it has something to
    /// remember: one reference in every table, where the fields would make each table larger.
    /// </summary>
    private MetatableMemory? _memory;

    private const int ChainCacheSize = 16;

    private sealed class MetatableMemory
    {
        /// <summary><see cref="IndexCache"/>.</summary>
        public LuaObject? Index;

        /// <summary>Remembered lookups (open addressing by the key's hash, at most three quarters full), valid while <see cref="Epoch"/> is the current epoch.</summary>
        public ChainEntry[]? Chain;
        public int Epoch, Count;

        /// <summary>
        /// The size of the hash part the last of this metatable's objects grew to (at most
        /// <see cref="MaxObjectNodes"/>): an empty table given this metatable starts with it.
        /// </summary>
        public int ObjectNodes;
    }

    /// <summary>
    /// The largest hash part a new object is given before it needs one: the fields of an object,
    /// not a map's entries (one object used as a big map must not make every later one big).
    /// </summary>
    private const int MaxObjectNodes = 16;

    /// <summary>
    /// After setmetatable: an empty table gets the hash part this metatable's last object grew
    /// to, so that an object built as `setmetatable({}, Class)` and then given its fields in a
    /// constructor is not rebuilt three or four times on the way (0 to 1, 2, 4, 8 nodes).
    /// </summary>
    internal void SizeLikeSiblings()
    {
        if (_metatable?._memory is not { ObjectNodes: > 0 and var nodes } || _nodeCount != 0 || _nodes.Length >= nodes) return;
        AllocateNodes(nodes);
    }

    /// <summary>A table with a metatable has a new hash part (<see cref="Resize"/>): the metatable's next object starts with its size.</summary>
    private void NoteObjectNodes(int nodes)
    {
        if (_metatable is not { } mt || nodes > MaxObjectNodes) return;
        (mt._memory ??= new MetatableMemory()).ObjectNodes = nodes;
    }

    /// <summary>A key and the table of the chain holding it, or null when no table of the chain holds it.</summary>
    private struct ChainEntry
    {
        public LuaString? Key;
        public LuaTable? Holder;
    }

    /// <summary>
    /// When this table is a metatable: its "__index" field, a table or a function, remembered by
    /// the metamethod lookup (which reads it at every method call and every field of an object
    /// not found in the object itself) so that it is not searched for again. Cleared with
    /// <see cref="AbsentMetamethods"/>.
    /// </summary>
    internal LuaObject? IndexCache
    {
        get => _memory?.Index;
        set
        {
            if (value is not null) (_memory ??= new MetatableMemory()).Index = value;
            else if (_memory is { } memory) memory.Index = null;
        }
    }

    /// <summary>
    /// For a metatable: whether a lookup of <paramref name="key"/> through its __index chain is
    /// remembered, and where it found the key (<paramref name="holder"/>, null when no table of
    /// the chain has it). The holder's field may since have been set to nil: the caller then
    /// searches the chain again.
    /// </summary>
    internal bool TryGetChainHolder(LuaString key, out LuaTable? holder)
    {
        var cache = _memory?.Chain;
        if (cache is not null && _memory!.Epoch == s_chainEpoch)
        {
            // open addressing: from the key's slot to the first empty one
            for (int i = key.GetHashCode(), n = 0; n < ChainCacheSize; i++, n++)
            {
                ref ChainEntry entry = ref cache[i & (ChainCacheSize - 1)];
                if (ReferenceEquals(entry.Key, key))
                {
                    holder = entry.Holder;
                    return true;
                }
                if (entry.Key is null) break;
            }
        }
        holder = null;
        return false;
    }

    /// <summary>
    /// Remembers, in this metatable, where a lookup of <paramref name="key"/> along its __index
    /// chain found it; every table the lookup depended on was marked first (<see cref="MarkChainLink"/>).
    /// A full cache forgets what it holds and starts again.
    /// </summary>
    internal void RememberChainHolder(LuaString key, LuaTable? holder)
    {
        var memory = _memory ??= new MetatableMemory();
        if (memory.Chain is null || memory.Epoch != s_chainEpoch || memory.Count == ChainCacheSize * 3 / 4)
        {
            if (memory.Chain is null) memory.Chain = new ChainEntry[ChainCacheSize];
            else Array.Clear(memory.Chain, 0, ChainCacheSize);
            memory.Epoch = s_chainEpoch;
            memory.Count = 0;
        }
        for (int i = key.GetHashCode(); ; i++)
        {
            ref ChainEntry entry = ref memory.Chain[i & (ChainCacheSize - 1)];
            if (entry.Key is null || ReferenceEquals(entry.Key, key))
            {
                if (entry.Key is null) memory.Count++;
                entry.Key = key;
                entry.Holder = holder;
                return;
            }
        }
    }

    /// <summary>A lookup about to be remembered depends on this table: from now on it reports its changes.</summary>
    internal void MarkChainLink() => _isChainLink = true;

    /// <summary>A string-keyed write to a table that remembered lookups went through (<see cref="SetStr"/>).</summary>
    private void NoteChainLinkWrite(LuaString key, in LuaValue value)
    {
        // a new value of a field the table has (other than __index) moves no key along the chain
        if (!value.IsNil && !GetStr(key).IsNil && !key.ContentEquals(IndexKey)) return;
        Interlocked.Increment(ref s_chainEpoch);
    }

    private static readonly LuaString IndexKey = LuaString.FromLatin1("__index");

    /// <summary>The metatable, or null. Replacing it changes the chains that go through this table.</summary>
    public LuaTable? Metatable
    {
        get => _metatable;
        set
        {
            if (_isChainLink && !ReferenceEquals(value, _metatable)) Interlocked.Increment(ref s_chainEpoch);
            _metatable = value;
        }
    }

    private LuaTable? _metatable;
}
