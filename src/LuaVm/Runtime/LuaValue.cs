using System.Runtime.CompilerServices;

namespace LuaVm.Runtime;

/// <summary>The eight basic types of Lua 5.1, in the order lua.h numbers them.</summary>
public enum LuaType : byte
{
    Nil,
    Boolean,
    LightUserdata,
    Number,
    String,
    Table,
    Function,
    Userdata,
    Thread,
}

/// <summary>
/// Base class of every heap value a <see cref="LuaValue"/> can point at. The type is a field,
/// not a virtual property, so that a type test in the VM loop is one load and one compare.
/// </summary>
public abstract class LuaObject
{
    /// <summary>The Lua type of this object.</summary>
    public readonly LuaType Type;

    /// <summary>
    /// The number of the last memory walk that counted this object (HeapWalk.cs): marking
    /// here costs no allocation per object. Two bytes fit beside <see cref="Type"/> in space the
    /// runtime pads anyway (an int made every table 8 bytes larger).
    /// </summary>
    internal ushort WalkMark;

    /// <summary>Creates an object of the given Lua type.</summary>
    protected LuaObject(LuaType type) => Type = type;
}

/// <summary>
/// A Lua value: 16 bytes, passed by value. <see cref="Obj"/> says what it is: null for nil, the
/// <see cref="NumberTag"/> sentinel for a number (held in <see cref="Num"/>), the boolean
/// sentinels for true/false, or the string/table/function/userdata/thread object itself.
/// </summary>
public readonly struct LuaValue : IEquatable<LuaValue>
{
    private class Tag(LuaType type) : LuaObject(type);

    /// <summary>Sentinel object that marks a number.</summary>
    internal static readonly LuaObject NumberTag = MakeNumberTag(out NumberTagBits);

    /// <summary>
    /// The number tag's address when numbers are stored without a GC write barrier (else 0):
    /// <see cref="StoreNumber"/> then writes it as a plain pointer-sized store. A write barrier lets
    /// a collection of the young generations find (and update, when it moves them) the young
    /// objects that old ones point at; an object that is old from birth and never moves needs
    /// neither.
    /// </summary>
    internal static readonly nint NumberTagBits;

    private static readonly LuaObject TrueTag = new Tag(LuaType.Boolean);
    private static readonly LuaObject FalseTag = new Tag(LuaType.Boolean);

    /// <summary>
    /// The number tag. Where the host asks for barrier-free numbers (the AppContext switch
    /// <c>LuaVm.OldNumberTag</c>, which kraken's JIT build sets), a tag of 1.2 MB: the collector
    /// makes an object that large in the large-object heap, which belongs to the oldest generation
    /// from the start and never leaves it, and it is pinned there, so that it never moves (not even
    /// when the large-object heap is compacted). A small pinned tag would not do: the collector
    /// keeps pinned objects where they are, young, and every old array holding numbers would then
    /// point into the young generation, to be scanned by each young collection (a 3-million-element
    /// array made bench/table_loop.lua four times slower). The cost is the 1.2 MB, which is why an
    /// embedder opts in.
    /// </summary>
    private static LuaObject MakeNumberTag(out nint bits)
    {
        bits = 0;
#if NET8_0_OR_GREATER
        if (AppContext.TryGetSwitch("LuaVm.OldNumberTag", out bool wanted) && wanted)
        {
            LuaObject large = new LargeTag();
            // a large-object threshold set above its size leaves it young: then the barriers stay
            if (GC.GetGeneration(large) != GC.MaxGeneration) return new Tag(LuaType.Number);
            System.Runtime.InteropServices.GCHandle.Alloc(large, System.Runtime.InteropServices.GCHandleType.Pinned); // never freed
            bits = Unsafe.As<LuaObject, nint>(ref large); // read once pinned: it will not move again
            return large;
        }
#endif
        return new Tag(LuaType.Number);
    }

#if NET8_0_OR_GREATER
    /// <summary>The number tag that lives in the large-object heap (see <see cref="MakeNumberTag"/>).</summary>
    private sealed class LargeTag() : Tag(LuaType.Number)
    {
        [InlineArray(600_000)]
        private struct Padding { private byte _first; }
#pragma warning disable CS0169 // never read: the fields only make the object large
        private Padding _a, _b; // 1.2 MB, past kraken's large-object threshold of 1 MiB
#pragma warning restore CS0169
    }
#endif

    /// <summary>The object, or a sentinel; null for nil.</summary>
    public readonly LuaObject? Obj;
    /// <summary>The number, when <see cref="Obj"/> is <see cref="NumberTag"/>.</summary>
    public readonly double Num;

    /// <summary>nil.</summary>
    public static readonly LuaValue Nil = default;
    /// <summary>true.</summary>
    public static readonly LuaValue True = new(TrueTag, 0);
    /// <summary>false.</summary>
    public static readonly LuaValue False = new(FalseTag, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private LuaValue(LuaObject? obj, double num)
    {
        Obj = obj;
        Num = num;
    }

    /// <summary>A number value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public LuaValue(double number)
    {
        Obj = NumberTag;
        Num = number;
    }

    /// <summary>A value holding a heap object (null gives nil).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public LuaValue(LuaObject? obj)
    {
        Obj = obj;
        Num = 0;
    }

    /// <summary>The Lua type of this value.</summary>
    public LuaType Type
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Obj is null ? LuaType.Nil : Obj.Type;
    }

    /// <summary>True for nil.</summary>
    public bool IsNil => Obj is null;
    /// <summary>True for a number.</summary>
    public bool IsNumber
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ReferenceEquals(Obj, NumberTag);
    }
    /// <summary>True for a string.</summary>
    public bool IsString => Obj is LuaString;
    /// <summary>True for a table.</summary>
    public bool IsTable => Obj is LuaTable;
    /// <summary>True for any function (Lua closure or native).</summary>
    public bool IsFunction => Obj is LuaFunction;
    /// <summary>True for a boolean.</summary>
    public bool IsBoolean => ReferenceEquals(Obj, TrueTag) || ReferenceEquals(Obj, FalseTag);

    /// <summary>Lua truth: everything but nil and false is true.</summary>
    public bool IsFalsy
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Obj is null || ReferenceEquals(Obj, FalseTag);
    }

    /// <summary>Lua truth: everything but nil and false is true.</summary>
    public bool IsTruthy
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => !(Obj is null || ReferenceEquals(Obj, FalseTag));
    }

    /// <summary>The string, or null if this is not a string.</summary>
    public LuaString? AsString => Obj as LuaString;
    /// <summary>The table, or null if this is not a table.</summary>
    public LuaTable? AsTable => Obj as LuaTable;
    /// <summary>The function, or null if this is not a function.</summary>
    public LuaFunction? AsFunction => Obj as LuaFunction;

    /// <summary>A boolean value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaValue FromBool(bool b) => b ? True : False;

    /// <summary>Number value.</summary>
    public static implicit operator LuaValue(double d) => new(d);

    /// <summary>
    /// Makes <paramref name="slot"/> the number <paramref name="d"/>. Where the tag allows it
    /// (<see cref="NumberTagBits"/>) the tag goes in as a plain pointer-sized store: written as a
    /// reference, the .NET JIT calls its write barrier for every number stored over a value of
    /// another type (a register that held a function, say), 12% of a recursive Fibonacci's time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void StoreNumber(ref LuaValue slot, double d)
    {
        if (NumberTagBits != 0) Unsafe.As<LuaObject?, nint>(ref Unsafe.AsRef(in slot.Obj)) = NumberTagBits;
        else if (!ReferenceEquals(slot.Obj, NumberTag))
        {
            slot = new LuaValue(d);
            return;
        }
        Unsafe.AsRef(in slot.Num) = d; // no reference written when the slot holds a number already
    }

    /// <summary>
    /// A copy field by field: the reference through the GC's ordinary write barrier, which the
    /// runtime patches for its configuration, rather than the generic barrier it calls for a whole
    /// struct copied from one byref to another.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CopyFields(ref LuaValue to, in LuaValue from)
    {
        Unsafe.AsRef(in to.Obj) = from.Obj;
        Unsafe.AsRef(in to.Num) = from.Num;
    }

    /// <summary>Copies <paramref name="from"/> into <paramref name="to"/>; a number without a write barrier (<see cref="StoreNumber"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Assign(ref LuaValue to, in LuaValue from)
    {
        if (ReferenceEquals(from.Obj, NumberTag)) StoreNumber(ref to, from.Num);
        else CopyFields(ref to, from);
    }

    /// <summary>Boolean value.</summary>
    public static implicit operator LuaValue(bool b) => b ? True : False;
    /// <summary>
    /// String value from .NET text: its UTF-8 bytes, the embedding API's one rule for .NET strings
    /// (a lone surrogate, which UTF-8 cannot encode, becomes U+FFFD's three bytes). Bytes that are
    /// not text go in as a <see cref="LuaString"/> (<see cref="LuaString.FromBytes"/>) or a byte[].
    /// </summary>
    public static implicit operator LuaValue(string? s) => s is null ? Nil : new LuaValue(LuaString.FromUtf8(s));
    /// <summary>String value.</summary>
    public static implicit operator LuaValue(LuaString? s) => new(s);
    /// <summary>Table value.</summary>
    public static implicit operator LuaValue(LuaTable? t) => new(t);
    /// <summary>Function value.</summary>
    public static implicit operator LuaValue(LuaFunction? f) => new(f);
    /// <summary>Full userdata value.</summary>
    public static implicit operator LuaValue(LuaUserdata? u) => new(u);
    /// <summary>Thread (coroutine) value.</summary>
    public static implicit operator LuaValue(LuaThread? t) => new(t);

    /// <summary>The Lua name of a type, as type() returns it.</summary>
    public static string TypeName(LuaType t) => t switch
    {
        LuaType.Nil => "nil",
        LuaType.Boolean => "boolean",
        LuaType.LightUserdata => "userdata",
        LuaType.Number => "number",
        LuaType.String => "string",
        LuaType.Table => "table",
        LuaType.Function => "function",
        LuaType.Userdata => "userdata",
        LuaType.Thread => "thread",
        _ => "?",
    };

    /// <summary>The Lua name of this value's type.</summary>
    public string TypeName() => TypeName(Type);

    /// <summary>
    /// Converts to a number the way arithmetic does (lua_tonumber): numbers as they are, strings
    /// that look like numbers are converted. Returns false otherwise.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryToNumber(out double d)
    {
        if (ReferenceEquals(Obj, NumberTag))
        {
            d = Num;
            return true;
        }
        return TryStringToNumber(out d);
    }

    private bool TryStringToNumber(out double d)
    {
        if (Obj is LuaString s) return NumberFormat.TryParse(s.Bytes, out d);
        d = 0;
        return false;
    }

    /// <summary>
    /// Converts to a string the way concatenation does (lua_tolstring): strings as they are,
    /// numbers formatted with "%.14g". Returns null otherwise.
    /// </summary>
    public LuaString? ToLuaStringCoerced()
    {
        if (Obj is LuaString s) return s;
        if (ReferenceEquals(Obj, NumberTag)) return NumberFormat.ToLuaString(Num);
        return null;
    }

    /// <summary>Raw equality (rawequal): no metamethods.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool RawEquals(in LuaValue a, in LuaValue b)
    {
        if (ReferenceEquals(a.Obj, b.Obj)) return !ReferenceEquals(a.Obj, NumberTag) || a.Num == b.Num;
        return a.Obj is LuaString sa && b.Obj is LuaString sb && sa.ContentEquals(sb);
    }

    /// <inheritdoc/>
    public bool Equals(LuaValue other) => RawEquals(this, other);
    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is LuaValue v && RawEquals(this, v);
    /// <inheritdoc/>
    public override int GetHashCode()
    {
        if (ReferenceEquals(Obj, NumberTag)) return Num.GetHashCode();
        if (Obj is LuaString s) return s.GetHashCode();
        return Obj is null ? 0 : RuntimeHelpers.GetHashCode(Obj);
    }
    /// <summary>Raw equality.</summary>
    public static bool operator ==(LuaValue a, LuaValue b) => RawEquals(a, b);
    /// <summary>Raw inequality.</summary>
    public static bool operator !=(LuaValue a, LuaValue b) => !RawEquals(a, b);

    /// <summary>
    /// A readable rendering without metamethods, like tostring() on a value without __tostring:
    /// "nil", "true", "12.5", a string decoded as UTF-8 (.NET text, the embedding API's rule),
    /// "table: 0x...".
    /// </summary>
    public override string ToString() => Obj switch
    {
        null => "nil",
        LuaString s => s.ToUtf8String(),
        _ when ReferenceEquals(Obj, NumberTag) => NumberFormat.Format(Num),
        _ when ReferenceEquals(Obj, TrueTag) => "true",
        _ when ReferenceEquals(Obj, FalseTag) => "false",
        LuaLightUserdata => "userdata: (nil)",
        _ => $"{TypeName()}: 0x{AddressOf(Obj):x8}",
    };

    /// <summary>
    /// <see cref="ToString"/> with a string as its exact bytes, one char per byte
    /// (<see cref="LuaString.ToLatin1String"/>): the form the libraries build messages in.
    /// </summary>
    internal string ToByteString() => Obj is LuaString s ? s.ToLatin1String() : ToString();

    /// <summary>
    /// A stable pseudo-address for printing tables, functions, threads and userdata: the same
    /// object always prints the same, different live objects print differently.
    /// </summary>
    public static long AddressOf(object o) => ObjectIds.GetId(o);

    private static class ObjectIds
    {
        private static readonly ConditionalWeakTable<object, object> Ids = new();
        private static long _next = 0x0804a000;

        public static long GetId(object o)
        {
            lock (Ids)
            {
                if (Ids.TryGetValue(o, out var id)) return (long)id;
                _next += 0x28;
                Ids.Add(o, _next);
                return _next;
            }
        }
    }
}
