using System.Collections;

namespace LuaVm.Runtime;

// The .NET face of a table for programs that embed LuaVm: indexers, Count and enumeration.
// All of it is raw access (no metamethods), like rawget/rawset/next; the VM never uses it.
public sealed partial class LuaTable : IEnumerable<KeyValuePair<LuaValue, LuaValue>>
{
    /// <summary>
    /// Raw get or set (rawget/rawset) by any Lua key. Setting nil removes the entry. A nil or NaN
    /// key throws <see cref="ArgumentException"/> on set (a Lua table cannot hold it) and reads nil.
    /// </summary>
    public LuaValue this[LuaValue key]
    {
        get => Get(key);
        set => Set(key, value);
    }

    /// <summary>Raw get or set by a string key, given as a .NET string (its UTF-8 bytes are the key).</summary>
    public LuaValue this[string key]
    {
        get => GetStr(LuaString.FromUtf8(key));
        set => SetStr(LuaString.FromUtf8(key), value);
    }

    /// <summary>Raw get or set by an integer key (<c>t[1]</c> is the first element of a sequence).</summary>
    public LuaValue this[long index]
    {
        get => GetInt(index);
        set => SetInt(index, value);
    }

    /// <summary>
    /// The number of entries whose value is not nil, counted by walking the table (it costs
    /// time proportional to the table's size; for a sequence's length use <see cref="Length"/>).
    /// </summary>
    public int Count
    {
        get
        {
            int n = 0;
            foreach (var v in _array) if (!v.IsNil) n++;
            for (int i = 0; i < _nodeCount; i++) if (!_nodes[i].Value.IsNil) n++;
            return n;
        }
    }

    /// <summary>True when the table holds a non-nil value under <paramref name="key"/> (raw).</summary>
    public bool ContainsKey(LuaValue key) => !key.IsNil && !Get(key).IsNil;

    /// <summary>
    /// Enumerates the entries in next() order: the array part 1..n, then the hash part. As with
    /// next(), values of existing keys may be changed or cleared during the enumeration; adding
    /// keys that make the table grow ends it with <see cref="InvalidOperationException"/>.
    /// </summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<KeyValuePair<LuaValue, LuaValue>> IEnumerable<KeyValuePair<LuaValue, LuaValue>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Walks a table's entries by position (see <see cref="GetEnumerator"/>).</summary>
    public struct Enumerator : IEnumerator<KeyValuePair<LuaValue, LuaValue>>
    {
        private readonly LuaTable _table;
        private readonly int _version;
        private int _position; // array index, then _array.Length + node index
        private KeyValuePair<LuaValue, LuaValue> _current;

        internal Enumerator(LuaTable table)
        {
            _table = table;
            _version = table._layoutVersion;
            _position = -1;
            _current = default;
        }

        /// <summary>The entry at the enumerator's position.</summary>
        public readonly KeyValuePair<LuaValue, LuaValue> Current => _current;

        readonly object IEnumerator.Current => _current;

        /// <summary>Moves to the next non-nil entry; false at the end.</summary>
        public bool MoveNext()
        {
            var t = _table;
            if (t._layoutVersion != _version)
                throw new InvalidOperationException("the table grew while it was being enumerated (only existing keys may be assigned or cleared)");
            var array = t._array;
            while (true)
            {
                int p = ++_position;
                if (p < array.Length)
                {
                    if (array[p].IsNil) continue;
                    _current = new(new LuaValue(p + 1), array[p]);
                    return true;
                }
                int i = p - array.Length;
                if (i >= t._nodeCount)
                {
                    _position = array.Length + t._nodeCount; // stay at the end
                    _current = default;
                    return false;
                }
                ref Node n = ref t._nodes[i];
                if (n.Value.IsNil) continue;
                _current = new(n.Key, n.Value);
                return true;
            }
        }

        /// <summary>Starts again from the first entry.</summary>
        public void Reset() => _position = -1;

        /// <summary>Nothing to release.</summary>
        public readonly void Dispose() { }
    }
}
