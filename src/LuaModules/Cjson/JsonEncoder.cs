using System.Buffers;
using System.Runtime.CompilerServices;
using LuaVm.Runtime;

namespace LuaModules.Cjson;

/// <summary>
/// cjson.encode: writes a Lua value as JSON into a growing byte buffer, with lua-cjson 2.1's
/// rules (tables with only positive integer keys are arrays, sparse arrays get nulls, excessively
/// sparse ones are an error or an object, everything else is an object; no metamethods) and its
/// error messages. One encoder is kept per module table while encode_keep_buffer is on, so the
/// buffer grows to the largest output and is then reused.
/// </summary>
internal sealed class JsonEncoder
{
    /// <summary>
    /// lua5.1's LUAI_MAXCSTACK: lua-cjson calls lua_checkstack(3) for each table, which fails
    /// when the C function's stack would pass this many slots (each array level holds one value,
    /// each object level a key and a value). Counting the same slots gives the same
    /// "excessive nesting" error at the same depth when encode_max_depth is set very high.
    /// </summary>
    private const int MaxStackSlots = 8000;

    /// <summary>The bytes that lua-cjson escapes: control characters, '"', '/', '\\' and DEL.</summary>
    private static readonly SearchValues<byte> Escaped = SearchValues.Create(MakeEscapedSet());
    private static readonly byte[][] Escapes = MakeEscapes();

    private static readonly byte[] NullText = "null"u8.ToArray(), TrueText = "true"u8.ToArray(), FalseText = "false"u8.ToArray();
    private static readonly LuaObject? TrueObj = LuaValue.True.Obj;
    private static readonly LuaObject? FalseObj = LuaValue.False.Obj;

    private byte[] _buf = new byte[256];
    private int _len;
    private CjsonConfig _cfg = null!;

    private static byte[] MakeEscapedSet()
    {
        var set = new List<byte>();
        for (int c = 0; c < 32; c++) set.Add((byte)c);
        set.AddRange([(byte)'"', (byte)'/', (byte)'\\', 127]);
        return [.. set];
    }

    private static byte[][] MakeEscapes()
    {
        var table = new byte[128][];
        const string hex = "0123456789abcdef";
        for (int c = 0; c < 32; c++) table[c] = [(byte)'\\', (byte)'u', (byte)'0', (byte)'0', (byte)hex[c >> 4], (byte)hex[c & 15]];
        table[127] = "\\u007f"u8.ToArray();
        table['\b'] = "\\b"u8.ToArray();
        table['\t'] = "\\t"u8.ToArray();
        table['\n'] = "\\n"u8.ToArray();
        table['\f'] = "\\f"u8.ToArray();
        table['\r'] = "\\r"u8.ToArray();
        table['"'] = "\\\""u8.ToArray();
        table['/'] = "\\/"u8.ToArray();
        table['\\'] = "\\\\"u8.ToArray();
        return table;
    }

    /// <summary>The JSON text of <paramref name="value"/>; throws <see cref="JsonException"/> with lua-cjson's message.</summary>
    public LuaString Encode(in LuaValue value, CjsonConfig cfg)
    {
        _cfg = cfg;
        _len = 0;
        AppendValue(value, 0, 1);
        // the copy overwrites every byte: no need to zero it first (a large output is a
        // large-object-heap array, where zeroing costs as much as the copy)
        var bytes = GC.AllocateUninitializedArray<byte>(_len);
        _buf.AsSpan(0, _len).CopyTo(bytes);
        return new LuaString(bytes);
    }

    // ---- the buffer ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int extra)
    {
        if (_buf.Length - _len < extra) Grow(extra);
    }

    private void Grow(int extra)
    {
        long needed = (long)_len + extra;
        if (needed > Array.MaxLength) throw new OutOfMemoryException(); // the module reports it as lua does
        long size = Math.Max(needed, Math.Min((long)_buf.Length * 2, Array.MaxLength));
        Array.Resize(ref _buf, (int)size);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AppendByte(byte b)
    {
        if (_len == _buf.Length) Grow(1);
        _buf[_len++] = b;
    }

    private void AppendBytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buf.AsSpan(_len));
        _len += bytes.Length;
    }

    // ---- values ----

    private void AppendValue(in LuaValue v, int depth, int stackSlots)
    {
        var o = v.Obj;
        if (o is LuaString s) AppendString(s.Bytes);
        else if (v.IsNumber) AppendNumber(v.Num);
        else if (o is LuaTable t) AppendTable(t, depth + 1, stackSlots);
        else if (o is null || o is LuaLightUserdata) AppendBytes(NullText); // NULL is the only light userdata
        else if (ReferenceEquals(o, TrueObj)) AppendBytes(TrueText);
        else if (ReferenceEquals(o, FalseObj)) AppendBytes(FalseText);
        else throw new JsonException($"Cannot serialise {v.TypeName()}: type not supported");
    }

    private void AppendString(byte[] s)
    {
        // the worst case (every byte a \u00XX escape) reserved at once, as lua-cjson does
        Ensure((int)Math.Min((long)s.Length * 6 + 2, int.MaxValue));
        var buf = _buf;
        int pos = _len;
        buf[pos++] = (byte)'"';
        ReadOnlySpan<byte> rest = s;
        while (true)
        {
            int clean = rest.IndexOfAny(Escaped);
            if (clean < 0)
            {
                rest.CopyTo(buf.AsSpan(pos));
                pos += rest.Length;
                break;
            }
            rest[..clean].CopyTo(buf.AsSpan(pos));
            pos += clean;
            var escape = Escapes[rest[clean]];
            for (int i = 0; i < escape.Length; i++) buf[pos++] = escape[i];
            rest = rest[(clean + 1)..];
        }
        buf[pos++] = (byte)'"';
        _len = pos;
    }

    private void AppendNumber(double d)
    {
        switch (_cfg.EncodeInvalidNumbers)
        {
            case 0:
                if (!double.IsFinite(d)) throw new JsonException("Cannot serialise number: must not be NaN or Inf");
                break;
            case 1:
                if (double.IsNaN(d))
                {
                    AppendBytes("nan"u8); // lua-cjson's own spelling, never "-nan"
                    return;
                }
                break;
            default:
                if (!double.IsFinite(d))
                {
                    AppendBytes(NullText);
                    return;
                }
                break;
        }
        Ensure(JsonNumberFormat.MaxLength);
        _len += JsonNumberFormat.Write(d, _cfg.EncodeNumberPrecision, _buf.AsSpan(_len));
    }

    // ---- tables ----

    private void AppendTable(LuaTable t, int depth, int stackSlots)
    {
        // stackSlots counts the table itself; lua-cjson checks room for a key, a value and a message
        if (depth > _cfg.EncodeMaxDepth || stackSlots + 3 > MaxStackSlots || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new JsonException($"Cannot serialise, excessive nesting ({depth})");
        int length = ArrayLength(t);
        if (length > 0) AppendArray(t, length, depth, stackSlots);
        else AppendObject(t, depth, stackSlots);
    }

    /// <summary>
    /// lua-cjson's lua_array_length: the largest key when every key is a positive integer (0 for
    /// an empty table), -1 for an object or an excessively sparse array made an object. The
    /// largest key is a C int there: a key of 2^31 or more stores INT_MIN (x86-64's conversion),
    /// which makes the table an object, and items * ratio wraps as C's int does.
    /// </summary>
    private int ArrayLength(LuaTable t)
    {
        int max = 0, items = 0;
        var array = t.ArrayPart;
        for (int i = 0; i < array.Length; i++)
        {
            if (array[i].IsNil) continue;
            items++;
            max = i + 1; // keys of the array part come in increasing order
        }
        var key = array.Length > 0 ? new LuaValue(array.Length) : LuaValue.Nil;
        while (t.Next(key, out var k, out _))
        {
            if (!k.IsNumber) return -1;
            double d = k.Num;
            if (d == 0 || Math.Floor(d) != d || d < 1) return -1;
            if (d > max) max = d >= 2147483648.0 ? int.MinValue : (int)d;
            items++;
            key = k;
        }
        var cfg = _cfg;
        if (cfg.SparseRatio > 0 && max > unchecked(items * cfg.SparseRatio) && max > cfg.SparseSafe)
        {
            if (cfg.SparseConvert == 0) throw new JsonException("Cannot serialise table: excessively sparse array");
            return -1;
        }
        return max;
    }

    private void AppendArray(LuaTable t, int length, int depth, int stackSlots)
    {
        AppendByte((byte)'[');
        for (int i = 1; i <= length; i++)
        {
            if (i > 1) AppendByte((byte)',');
            // read again each time: the array part is the table's own, and GetInt covers both parts
            AppendValue(t.GetInt(i), depth, stackSlots + 1);
        }
        AppendByte((byte)']');
    }

    private void AppendObject(LuaTable t, int depth, int stackSlots)
    {
        AppendByte((byte)'{');
        var key = LuaValue.Nil;
        bool comma = false;
        while (t.Next(key, out var k, out var v))
        {
            if (comma) AppendByte((byte)',');
            else comma = true;
            if (k.Obj is LuaString s)
            {
                AppendString(s.Bytes);
                AppendByte((byte)':');
            }
            else if (k.IsNumber)
            {
                AppendByte((byte)'"');
                AppendNumber(k.Num);
                AppendBytes("\":"u8);
            }
            else throw new JsonException($"Cannot serialise {k.TypeName()}: table key must be a number or string");
            AppendValue(v, depth, stackSlots + 2);
            key = k;
        }
        AppendByte((byte)'}');
    }
}
