using System.Runtime.CompilerServices;
using System.Text;

namespace LuaVm.Runtime;

/// <summary>
/// An immutable Lua string: a sequence of bytes (not chars). "\0" and bytes 128-255 round-trip
/// exactly. The hash is computed once and cached, because strings are the keys of almost every
/// table access. Two strings are equal when their bytes are equal: strings are not interned,
/// though equal short ones often share one object (the constant pool, the cache of recent strings).
/// <para>
/// .NET text crosses as UTF-8, the embedding API's one rule: <see cref="FromUtf8"/> (and the
/// implicit conversion of a string to <see cref="LuaValue"/>) encodes, <see cref="ToUtf8String"/>
/// and <see cref="ToString"/> decode (invalid sequences become U+FFFD). <see cref="FromLatin1"/>
/// and <see cref="ToLatin1String"/> are the exact-bytes view, one char 0-255 per byte, in which
/// the libraries carry Lua bytes.
/// </para>
/// </summary>
public sealed class LuaString : LuaObject, IEquatable<LuaString>, IComparable<LuaString>
{
    /// <summary>The longest string: the largest .NET byte array (Array.MaxLength).</summary>
    public const int MaxLength = 0x7FFFFFC7;

    /// <summary>The bytes. Never modify them.</summary>
    public readonly byte[] Bytes;
    private int _hash; // 0 until computed (a computed 0 is stored as 1)

    /// <summary>
    /// Where this key was last found in a table's node array (LuaTable.GetStr): a field read
    /// checks that node first and finds most keys without hashing. Only a hint, checked by
    /// reference on every use, so a stale value is harmless; an int where a bool "hash
    /// computed" flag used to be, so strings are no larger for it.
    /// </summary>
    internal int SlotHint;

    /// <summary>The empty string.</summary>
    public static readonly LuaString Empty = new(Array.Empty<byte>());

    /// <summary>Wraps a byte array; the caller must not modify it afterwards.</summary>
    public LuaString(byte[] bytes) : base(LuaType.String)
    {
        Bytes = bytes;
        AllocationMeter.Charge(ObjectSizes.String(bytes.Length));
    }

    /// <summary>Copies bytes into a new string.</summary>
    public static LuaString FromBytes(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        0 => Empty,
        1 => OfByte(bytes[0]),
        <= MaxRecentLength => Recent(bytes),
        _ => new LuaString(bytes.ToArray()),
    };

    // ---- recently made short strings ----
    // A server reads the same short strings over and over (a method, a header name, a version),
    // and pattern captures cut them out again for every request. A small direct-mapped cache of
    // the last short strings made from bytes hands back the equal one instead of a new object:
    // two cheap reads and a comparison instead of two allocations. Lua interns every string; this
    // keeps only what repeats. Safe across threads: a slot is read once into a local and its
    // bytes compared, and strings never change. Emptied by a full collection (ForgetRecent) so
    // that it never holds memory a program asked to free.

    private const int MaxRecentLength = 32, RecentSlots = 1024;
    private static readonly LuaString?[] RecentStrings = new LuaString?[RecentSlots];

    private static LuaString Recent(ReadOnlySpan<byte> bytes)
    {
        int slot = RecentSlot(bytes);
        var found = RecentStrings[slot];
        if (found is not null && bytes.SequenceEqual(found.Bytes)) return found;
        var made = new LuaString(bytes.ToArray());
        RecentStrings[slot] = made;
        return made;
    }

    /// <summary>A slot from the length and the first and last eight (or four) bytes: cheaper than the content hash.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RecentSlot(ReadOnlySpan<byte> b)
    {
        ulong x;
        ref byte start = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(b);
        if (b.Length >= 8)
            x = Unsafe.ReadUnaligned<ulong>(ref start) * 0x9E3779B97F4A7C15UL
                ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, b.Length - 8));
        else if (b.Length >= 4)
            x = Unsafe.ReadUnaligned<uint>(ref start) | (ulong)Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, b.Length - 4)) << 32;
        else
            x = start | (ulong)Unsafe.Add(ref start, 1) << 8 | (ulong)Unsafe.Add(ref start, b.Length - 1) << 16;
        x = (x ^ (ulong)b.Length) * 0xBF58476D1CE4E5B9UL;
        return (int)(x >> 54); // the top 10 bits: RecentSlots
    }

    /// <summary>Empties the cache of recent strings (a full collection frees what only it holds).</summary>
    internal static void ForgetRecent() => Array.Clear(RecentStrings);

    /// <summary>
    /// The one-byte string of <paramref name="b"/>: one shared object per byte, so that code
    /// going through a string character by character (s:sub(i, i)) allocates nothing.
    /// </summary>
    public static LuaString OfByte(byte b) => SingleBytes[b];

    private static readonly LuaString[] SingleBytes = MakeSingleBytes();

    private static LuaString[] MakeSingleBytes()
    {
        var strings = new LuaString[256];
        for (int i = 0; i < 256; i++) strings[i] = new LuaString([(byte)i]);
        return strings;
    }

    /// <summary>
    /// A string with one byte per char of <paramref name="s"/>, whose chars must all be 0-255
    /// (Latin-1; higher chars become '?'): bytes held in a .NET string, not text (for text, <see cref="FromUtf8"/>).
    /// </summary>
    public static LuaString FromLatin1(string s)
    {
        if (s.Length == 0) return Empty;
        var b = new byte[s.Length];
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            b[i] = c <= 0xFF ? (byte)c : (byte)'?';
        }
        return new LuaString(b);
    }

    // ---- shared instances of short, well-known strings ----
    // Library names (registered with LuaTable.Set(string)) and the compiler's short constants go
    // through one process-wide pool, so that a constant "sqrt" in a script is the very object
    // that keys math.sqrt: a table lookup then matches by reference, without comparing bytes.
    // Sharing equal strings changes nothing a program can see; the pool is capped.

    private const int MaxPooledLength = 40, MaxPooled = 8192;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<LuaString, LuaString> Pool = new();

    /// <summary>The pooled string equal to <paramref name="s"/>, adding it when there is room; <paramref name="s"/> itself when it is too long.</summary>
    public static LuaString Shared(LuaString s)
    {
        if (s.Length > MaxPooledLength) return s;
        if (Pool.TryGetValue(s, out var pooled)) return pooled;
        return Pool.Count < MaxPooled ? Pool.GetOrAdd(s, s) : s;
    }

    /// <summary>A string from a .NET name (its UTF-8 bytes), shared through the pool (see <see cref="Shared(LuaString)"/>).</summary>
    public static LuaString Shared(string name) => Shared(FromUtf8(name));

    /// <summary>
    /// The internal one-char-per-byte form (see <see cref="ToLatin1String"/>) of <paramref name="text"/>'s
    /// UTF-8 encoding: how .NET text an embedder gives (a chunk name, an interrupt message) joins
    /// the strings the VM and the libraries build, which carry Lua bytes that way.
    /// </summary>
    internal static string Utf8ByteChars(string text) => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// A string holding the UTF-8 encoding of a .NET string: the embedding API's rule for .NET text
    /// (a lone surrogate, which UTF-8 cannot encode, becomes U+FFFD's three bytes EF BF BD).
    /// </summary>
    public static LuaString FromUtf8(string s) => s.Length == 0 ? Empty : new LuaString(Encoding.UTF8.GetBytes(s));

    /// <summary>Length in bytes (the # operator).</summary>
    public int Length => Bytes.Length;

    /// <summary>The bytes as a span.</summary>
    public ReadOnlySpan<byte> Span => Bytes;

    /// <summary>Byte-for-byte equality.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ContentEquals(LuaString other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (Bytes.Length != other.Bytes.Length || GetHashCode() != other.GetHashCode()) return false;
        return Bytes.AsSpan().SequenceEqual(other.Bytes);
    }

    /// <inheritdoc/>
    public bool Equals(LuaString? other) => other is not null && ContentEquals(other);
    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is LuaString s && ContentEquals(s);

    /// <summary>The cached content hash.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override int GetHashCode() => _hash != 0 ? _hash : ComputeHash();

    private int ComputeHash()
    {
        // FNV-1a over all bytes: cheap, and computed only once per string object.
        uint h = 2166136261;
        foreach (byte b in Bytes) h = (h ^ b) * 16777619;
        _hash = h == 0 ? 1 : (int)h; // 0 means "not computed yet"
        return _hash;
    }

    /// <summary>Byte-wise comparison, as strcoll in the "C" locale (used by &lt; on strings).</summary>
    public int CompareTo(LuaString? other) => other is null ? 1 : Bytes.AsSpan().SequenceCompareTo(other.Bytes);

    /// <summary>The string as .NET text: its bytes decoded as UTF-8 (see <see cref="ToUtf8String"/>).</summary>
    public override string ToString() => ToUtf8String();

    /// <summary>
    /// The exact bytes as chars 0-255, one per byte (Latin-1), not text: the inverse of
    /// <see cref="FromLatin1"/>, for byte protocols handled as .NET strings (the libraries carry
    /// Lua bytes this way so that messages echo them exactly).
    /// </summary>
    public string ToLatin1String() => Encoding.Latin1.GetString(Bytes);

    /// <summary>Decodes the bytes as UTF-8 (for handing text to .NET APIs); a sequence that is not UTF-8 becomes U+FFFD.</summary>
    public string ToUtf8String() => Encoding.UTF8.GetString(Bytes);

    /// <summary>Concatenates two strings.</summary>
    public static LuaString Concat(LuaString a, LuaString b)
    {
        if (a.Length == 0) return b;
        if (b.Length == 0) return a;
        var r = new byte[a.Length + b.Length];
        a.Bytes.CopyTo(r, 0);
        b.Bytes.CopyTo(r, a.Length);
        return new LuaString(r);
    }
}
