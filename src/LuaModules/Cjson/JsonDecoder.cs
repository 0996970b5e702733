using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using LuaVm.Runtime;

namespace LuaModules.Cjson;

/// <summary>
/// cjson.decode: a recursive-descent parser straight over the bytes of the Lua string, with
/// lua-cjson 2.1's tokens, number rules (strtod's forms when decode_invalid_numbers is on),
/// escapes, depth limits and error messages ("Expected value but found invalid token at
/// character 1"). As in the C parser the text ends at its first NUL byte. Array elements and
/// object members wait on a value stack and each table is made once, at its full size.
/// </summary>
internal sealed class JsonDecoder
{
    private enum Token : byte { ObjBegin, ObjEnd, ArrBegin, ArrEnd, String, Number, Boolean, Null, Colon, Comma, End, Error }

    /// <summary>lua-cjson's names of the token types, for "found T_COMMA" in messages.</summary>
    private static readonly string[] TokenNames =
        ["T_OBJ_BEGIN", "T_OBJ_END", "T_ARR_BEGIN", "T_ARR_END", "T_STRING", "T_NUMBER", "T_BOOLEAN", "T_NULL", "T_COLON", "T_COMMA", "T_END", "T_ERROR"];

    /// <summary>lua5.1's LUAI_MAXCSTACK; see <see cref="Descend"/>.</summary>
    private const int MaxStackSlots = 8000;

    /// <summary>Scratch buffers larger than this (in bytes) are dropped after a decode.</summary>
    private const int MaxKeptScratch = 1 << 20;

    private static readonly SearchValues<byte> StringStops = SearchValues.Create([(byte)'"', (byte)'\\', 0]);
    private static readonly double PositiveNaN = BitConverter.Int64BitsToDouble(0x7FF8000000000000);
    private static readonly double NegativeNaN = BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8000000000000));
    private static readonly double[] ExactPowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>One decoder per .NET thread: decoding runs no Lua code, so it is never re-entered.</summary>
    [ThreadStatic] private static JsonDecoder? t_current;

    public static JsonDecoder Current => t_current ??= new JsonDecoder();

    private byte[] _data = [];
    private int _n, _pos, _depth;
    private CjsonConfig _cfg = null!;

    // the current token
    private Token _type;
    private int _tokenIndex;
    private double _number;
    private LuaValue _string; // a LuaString, or true/false for T_BOOLEAN
    private string _error = "";

    private LuaValue[] _stack = new LuaValue[64];
    private int _sp, _spHigh;
    private byte[] _tmp = new byte[256];

    /// <summary>Object keys seen lately, by a hash of their bytes: repeated keys share one string (and its cached hash).</summary>
    private readonly LuaString?[] _keys = new LuaString?[1024];

    /// <summary>Short string values seen lately, as <see cref="_keys"/> (see <see cref="Value"/>).</summary>
    private readonly LuaString?[] _values = new LuaString?[1024];

    /// <summary>The Lua value of the JSON text; throws <see cref="JsonException"/> with lua-cjson's message.</summary>
    public LuaValue Decode(LuaString text, CjsonConfig cfg)
    {
        var data = text.Bytes;
        // only the first character is sure to be ASCII, which is enough to see UTF-16/32
        if (data.Length >= 2 && (data[0] == 0 || data[1] == 0)) throw new JsonException("JSON parser does not support UTF-16 or UTF-32");
        _data = data;
        _n = data.Length;
        _pos = 0;
        _depth = 0;
        _sp = 0;
        _cfg = cfg;
        try
        {
            NextToken(false);
            var value = ProcessValue(1);
            NextToken(false);
            if (_type != Token.End) throw ParseError("the end");
            return value;
        }
        finally
        {
            if (_spHigh > 0) Array.Clear(_stack, 0, _spHigh);
            _spHigh = 0;
            _string = LuaValue.Nil;
            _data = [];
            // a thread keeps its decoder: let the scratch space of a huge text go
            if (_tmp.Length > MaxKeptScratch) _tmp = new byte[256];
            if (_stack.Length > MaxKeptScratch / 16) _stack = new LuaValue[64];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte At(int i) => (uint)i < (uint)_n ? _data[i] : (byte)0;

    private JsonException ParseError(string expected)
    {
        string found = _type == Token.Error ? _error : TokenNames[(int)_type];
        return new JsonException($"Expected {expected} but found {found} at character {_tokenIndex + 1}");
    }

    // ---- values ----

    private LuaValue ProcessValue(int stackSlots)
    {
        switch (_type)
        {
            case Token.String:
            case Token.Boolean:
                return _string;
            case Token.Number:
                return new LuaValue(_number);
            case Token.ObjBegin:
                return ParseObject(stackSlots);
            case Token.ArrBegin:
                return ParseArray(stackSlots);
            case Token.Null:
                return new LuaValue(LuaLightUserdata.Null);
            default:
                throw ParseError("value");
        }
    }

    /// <summary>
    /// One level deeper. Besides decode_max_depth, lua-cjson's lua_checkstack fails past lua5.1's
    /// 8000 stack slots (the string argument, one per array level, two per object level), which
    /// counting the same slots reproduces; and the .NET stack must have room for the recursion.
    /// </summary>
    private void Descend(int stackSlots, int needed)
    {
        _depth++;
        if (_depth <= _cfg.DecodeMaxDepth && stackSlots + needed <= MaxStackSlots && RuntimeHelpers.TryEnsureSufficientExecutionStack()) return;
        throw new JsonException($"Found too many nested data structures ({_depth}) at character {_pos}");
    }

    private void Push(in LuaValue v)
    {
        if (_sp == _stack.Length) Array.Resize(ref _stack, _stack.Length * 2);
        _stack[_sp++] = v;
        if (_sp > _spHigh) _spHigh = _sp;
    }

    private LuaTable ParseArray(int stackSlots)
    {
        Descend(stackSlots, 2);
        NextToken(false);
        if (_type == Token.ArrEnd)
        {
            _depth--;
            return new LuaTable();
        }
        int first = _sp;
        while (true)
        {
            Push(ProcessValue(stackSlots + 1));
            NextToken(false);
            if (_type == Token.ArrEnd) break;
            if (_type != Token.Comma) throw ParseError("comma or array end");
            NextToken(false);
        }
        _depth--;
        int count = _sp - first;
        var t = new LuaTable(count, 0);
        Array.Copy(_stack, first, t.ArrayPart, 0, count);
        t.ArrayPartWritten();
        _sp = first;
        return t;
    }

    private LuaTable ParseObject(int stackSlots)
    {
        Descend(stackSlots, 3);
        NextToken(true);
        if (_type == Token.ObjEnd)
        {
            _depth--;
            return new LuaTable();
        }
        int first = _sp;
        while (true)
        {
            if (_type != Token.String) throw ParseError("object key string");
            Push(_string);
            NextToken(false);
            if (_type != Token.Colon) throw ParseError("colon");
            NextToken(false);
            Push(ProcessValue(stackSlots + 2));
            NextToken(false);
            if (_type == Token.ObjEnd) break;
            if (_type != Token.Comma) throw ParseError("comma or object end");
            NextToken(true);
        }
        _depth--;
        int pairs = (_sp - first) / 2;
        var t = new LuaTable(0, pairs);
        for (int i = first; i < _sp; i += 2) t.SetStr((LuaString)_stack[i].Obj!, _stack[i + 1]);
        _sp = first;
        return t;
    }

    // ---- tokens ----

    private void SetError(int index, string message)
    {
        _type = Token.Error;
        _tokenIndex = index;
        _error = message;
    }

    /// <summary>The next token; <paramref name="isKey"/> when a string there would be an object key.</summary>
    private void NextToken(bool isKey)
    {
        var data = _data;
        int n = _n;
        int p = _pos;
        byte ch;
        while (true)
        {
            ch = (uint)p < (uint)n ? data[p] : (byte)0;
            if (ch != ' ' && ch != '\n' && ch != '\r' && ch != '\t') break;
            p++;
        }
        _tokenIndex = p;
        switch (ch)
        {
            case (byte)'"':
                ReadString(p, isKey);
                return;
            case (byte)'{': Single(Token.ObjBegin, p); return;
            case (byte)'}': Single(Token.ObjEnd, p); return;
            case (byte)'[': Single(Token.ArrBegin, p); return;
            case (byte)']': Single(Token.ArrEnd, p); return;
            case (byte)',': Single(Token.Comma, p); return;
            case (byte)':': Single(Token.Colon, p); return;
            case 0:
                _type = Token.End;
                _pos = p;
                return;
            case (byte)'-':
            case >= (byte)'0' and <= (byte)'9':
                if (_cfg.DecodeInvalidNumbers == 0 && IsInvalidNumber(p))
                {
                    SetError(p, "invalid number");
                    return;
                }
                ReadNumber(p);
                return;
            case (byte)'t' or (byte)'f' or (byte)'n' or (byte)'i' or (byte)'I' or (byte)'N' or (byte)'+':
                if (Matches(p, "true"u8)) Keyword(Token.Boolean, p + 4, LuaValue.True);
                else if (Matches(p, "false"u8)) Keyword(Token.Boolean, p + 5, LuaValue.False);
                else if (Matches(p, "null"u8)) Keyword(Token.Null, p + 4, LuaValue.Nil);
                else if (_cfg.DecodeInvalidNumbers != 0 && IsInvalidNumber(p)) ReadNumber(p); // inf, nan, +...
                else SetError(p, "invalid token");
                return;
            default:
                SetError(p, "invalid token");
                return;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Single(Token type, int p)
    {
        _type = type;
        _pos = p + 1;
    }

    private void Keyword(Token type, int end, LuaValue value)
    {
        _type = type;
        _string = value;
        _pos = end;
    }

    private bool Matches(int p, ReadOnlySpan<byte> word)
    {
        for (int i = 0; i < word.Length; i++)
            if (At(p + i) != word[i]) return false;
        return true;
    }

    private bool MatchesIgnoreCase(int p, string word)
    {
        for (int i = 0; i < word.Length; i++)
            if ((At(p + i) | 0x20) != word[i]) return false;
        return true;
    }

    /// <summary>
    /// lua-cjson's json_is_invalid_number: a leading '+', hexadecimal, a leading zero, inf or nan.
    /// Bytes from 128 up count as "ordinary" there (a signed char is below '9'), and so here.
    /// </summary>
    private bool IsInvalidNumber(int p)
    {
        byte c = At(p);
        if (c == '+') return true;
        if (c == '-') c = At(++p);
        if (c == '0')
        {
            byte c2 = At(p + 1);
            return (c2 | 0x20) == 'x' || (c2 >= '0' && c2 <= '9');
        }
        if (c <= '9' || c >= 128) return false;
        return MatchesIgnoreCase(p, "inf") || MatchesIgnoreCase(p, "nan");
    }

    // ---- strings ----

    private void ReadString(int quote, bool isKey)
    {
        int start = quote + 1;
        var data = _data;
        int stop = start < _n ? data.AsSpan(start, _n - start).IndexOfAny(StringStops) : -1;
        if (stop < 0)
        {
            SetError(_n, "unexpected end of string");
            return;
        }
        int q = start + stop;
        if (data[q] == '"')
        {
            // no escapes: the bytes as they are
            var span = data.AsSpan(start, stop);
            _string = isKey ? Key(span) : Value(span);
            _type = Token.String;
            _pos = q + 1;
            return;
        }
        if (data[q] == 0)
        {
            SetError(q, "unexpected end of string");
            return;
        }
        ReadEscapedString(start, q, isKey);
    }

    /// <summary>A string with escapes, decoded into the scratch buffer from the first backslash at <paramref name="q"/>.</summary>
    private void ReadEscapedString(int start, int q, bool isKey)
    {
        var data = _data;
        // the decoded string is never longer than its JSON text
        if (_tmp.Length < _n - start) _tmp = new byte[Math.Max(_n - start, _tmp.Length * 2)];
        var tmp = _tmp;
        int len = q - start;
        data.AsSpan(start, len).CopyTo(tmp);
        while (true)
        {
            byte ch = At(q);
            if (ch == '"') break;
            if (ch == 0)
            {
                SetError(q, "unexpected end of string");
                return;
            }
            if (ch != '\\')
            {
                tmp[len++] = ch;
                q++;
                continue;
            }
            byte e = At(q + 1);
            byte decoded;
            switch (e)
            {
                case (byte)'"': decoded = (byte)'"'; break;
                case (byte)'\\': decoded = (byte)'\\'; break;
                case (byte)'/': decoded = (byte)'/'; break;
                case (byte)'b': decoded = (byte)'\b'; break;
                case (byte)'t': decoded = (byte)'\t'; break;
                case (byte)'n': decoded = (byte)'\n'; break;
                case (byte)'f': decoded = (byte)'\f'; break;
                case (byte)'r': decoded = (byte)'\r'; break;
                case (byte)'u':
                    int escapeLength = UnicodeEscape(q, tmp, ref len);
                    if (escapeLength == 0)
                    {
                        SetError(q, "invalid unicode escape code");
                        return;
                    }
                    q += escapeLength;
                    continue;
                default:
                    SetError(q, "invalid escape code");
                    return;
            }
            tmp[len++] = decoded;
            q += 2;
        }
        var span = tmp.AsSpan(0, len);
        _string = isKey ? Key(span) : Value(span);
        _type = Token.String;
        _pos = q + 1;
    }

    private int Hex4(int p)
    {
        int v = 0;
        for (int i = 0; i < 4; i++)
        {
            int c = At(p + i);
            int digit = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
            if (digit < 0) return -1;
            v = v << 4 | digit;
        }
        return v;
    }

    /// <summary>
    /// The \uXXXX escape at <paramref name="q"/> (a surrogate pair takes two) appended as UTF-8;
    /// returns the escape's length, or 0 when lua-cjson rejects it (bad hex digits, a low
    /// surrogate first, a high one not followed by a low one).
    /// </summary>
    private int UnicodeEscape(int q, byte[] tmp, ref int len)
    {
        int cp = Hex4(q + 2);
        if (cp < 0) return 0;
        int escapeLength = 6;
        if ((cp & 0xF800) == 0xD800)
        {
            if ((cp & 0x400) != 0) return 0;
            if (At(q + 6) != '\\' || At(q + 7) != 'u') return 0;
            int low = Hex4(q + 8);
            if (low < 0 || (low & 0xFC00) != 0xDC00) return 0;
            cp = (((cp & 0x3FF) << 10) | (low & 0x3FF)) + 0x10000;
            escapeLength = 12;
        }
        if (cp <= 0x7F) tmp[len++] = (byte)cp;
        else if (cp <= 0x7FF)
        {
            tmp[len++] = (byte)(0xC0 | cp >> 6);
            tmp[len++] = (byte)(0x80 | (cp & 0x3F));
        }
        else if (cp <= 0xFFFF)
        {
            tmp[len++] = (byte)(0xE0 | cp >> 12);
            tmp[len++] = (byte)(0x80 | ((cp >> 6) & 0x3F));
            tmp[len++] = (byte)(0x80 | (cp & 0x3F));
        }
        else
        {
            tmp[len++] = (byte)(0xF0 | cp >> 18);
            tmp[len++] = (byte)(0x80 | ((cp >> 12) & 0x3F));
            tmp[len++] = (byte)(0x80 | ((cp >> 6) & 0x3F));
            tmp[len++] = (byte)(0x80 | (cp & 0x3F));
        }
        return escapeLength;
    }

    /// <summary>
    /// An object key: the cached string with these bytes, or a new one that takes its slot. A
    /// new short key goes through LuaString's shared pool, where the compiler's constants are:
    /// then <c>obj.name</c> in a script finds the decoded key by reference (LuaTable.GetStr).
    /// </summary>
    private LuaString Key(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 40) return LuaString.FromBytes(bytes);
        uint h = (uint)bytes.Length;
        foreach (byte b in bytes) h = (h ^ b) * 16777619;
        ref LuaString? slot = ref _keys[(h ^ h >> 15) & (uint)(_keys.Length - 1)];
        var cached = slot;
        if (cached is not null && bytes.SequenceEqual(cached.Bytes)) return cached;
        var s = LuaString.Shared(LuaString.FromBytes(bytes));
        slot = s;
        return s;
    }

    /// <summary>
    /// A string value: short ones (enumeration-like values repeat a lot in JSON) come from a
    /// cache like the keys', which saves their allocation; Lua cannot tell shared strings apart.
    /// </summary>
    private LuaString Value(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 16) return LuaString.FromBytes(bytes);
        uint h = (uint)bytes.Length;
        foreach (byte b in bytes) h = (h ^ b) * 16777619;
        ref LuaString? slot = ref _values[(h ^ h >> 15) & (uint)(_values.Length - 1)];
        var cached = slot;
        if (cached is not null && bytes.SequenceEqual(cached.Bytes)) return cached;
        var s = LuaString.FromBytes(bytes);
        slot = s;
        return s;
    }

    // ---- numbers ----

    private void ReadNumber(int p)
    {
        int end = Strtod(p, out double value);
        if (end == p)
        {
            SetError(p, "invalid number");
            return;
        }
        _type = Token.Number;
        _number = value;
        _pos = end;
    }

    /// <summary>
    /// What glibc's strtod reads at <paramref name="p"/> (lua-cjson's fpconv_strtod): an optional
    /// sign, then inf/infinity, nan or nan(chars), a hexadecimal float, or a decimal number.
    /// Returns where it stopped (<paramref name="p"/> itself when nothing is a number).
    /// </summary>
    private int Strtod(int p, out double value)
    {
        value = 0;
        int i = p;
        bool negative = false;
        byte c = At(i);
        if (c == '-' || c == '+')
        {
            negative = c == '-';
            c = At(++i);
        }
        if ((c | 0x20) == 'i')
        {
            if (MatchesIgnoreCase(i, "infinity")) i += 8;
            else if (MatchesIgnoreCase(i, "inf")) i += 3;
            else return p;
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return i;
        }
        if ((c | 0x20) == 'n')
        {
            if (!MatchesIgnoreCase(i, "nan")) return p;
            i += 3;
            if (At(i) == '(')
            {
                int j = i + 1;
                while (char.IsAsciiLetterOrDigit((char)At(j)) || At(j) == '_') j++;
                if (At(j) == ')') i = j + 1;
            }
            value = negative ? NegativeNaN : PositiveNaN;
            return i;
        }
        if (c == '0' && (At(i + 1) | 0x20) == 'x' && (IsHexDigit(At(i + 2)) || (At(i + 2) == '.' && IsHexDigit(At(i + 3)))))
            return HexFloat(p, i + 2, negative, out value);
        return Decimal(p, i, negative, out value);
    }

    private static bool IsHexDigit(byte c) => (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');

    private static int HexValue(byte c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private int Decimal(int p, int i, bool negative, out double value)
    {
        value = 0;
        var data = _data;
        int n = _n;
        ulong mantissa = 0;
        int significant = 0, exponent = 0, digits = 0;
        bool exact = true;
        byte c;
        while ((uint)i < (uint)n && (c = data[i]) >= '0' && c <= '9')
        {
            Accumulate(c);
            i++;
            digits++;
        }
        if (At(i) == '.')
        {
            i++;
            while ((uint)i < (uint)n && (c = data[i]) >= '0' && c <= '9')
            {
                Accumulate(c);
                exponent--;
                i++;
                digits++;
            }
        }
        if (digits == 0) return p;
        if ((At(i) | 0x20) == 'e')
        {
            int j = i + 1;
            bool negativeExponent = false;
            if (At(j) == '-' || At(j) == '+') negativeExponent = At(j++) == '-';
            if (At(j) >= '0' && At(j) <= '9')
            {
                int e = 0;
                while (At(j) >= '0' && At(j) <= '9')
                {
                    if (e < 100000) e = e * 10 + (At(j) - '0');
                    j++;
                }
                exponent += negativeExponent ? -e : e;
                i = j;
            }
        }
        // Clinger's fast path: an exact mantissa and power of ten give the correctly rounded
        // quotient or product; anything else goes to .NET's correctly rounded parser
        if (exact && mantissa <= (1UL << 53) && exponent >= -22 && exponent <= 22)
        {
            double m = mantissa;
            value = exponent < 0 ? m / ExactPowersOfTen[-exponent] : m * ExactPowersOfTen[exponent];
        }
        else value = double.Parse(data.AsSpan(p, i - p), NumberStyles.Float, CultureInfo.InvariantCulture);
        if (negative && !(value < 0)) value = -value;
        return i;

        void Accumulate(byte digit)
        {
            if (mantissa == 0 && digit == '0') return; // leading zeros are not significant
            if (significant < 19) mantissa = mantissa * 10 + (ulong)(digit - '0');
            else exact = false;
            significant++;
        }
    }

    /// <summary>strtod's hexadecimal form: 0x, hex digits with an optional point, an optional binary exponent p[+-]d.</summary>
    private int HexFloat(int p, int i, bool negative, out double value)
    {
        ulong mantissa = 0;
        int exponent = 0;
        bool sticky = false;
        while (IsHexDigit(At(i)))
        {
            AddDigit(HexValue(At(i)), fraction: false);
            i++;
        }
        if (At(i) == '.')
        {
            i++;
            while (IsHexDigit(At(i)))
            {
                AddDigit(HexValue(At(i)), fraction: true);
                i++;
            }
        }
        if ((At(i) | 0x20) == 'p')
        {
            int j = i + 1;
            bool negativeExponent = false;
            if (At(j) == '-' || At(j) == '+') negativeExponent = At(j++) == '-';
            if (At(j) >= '0' && At(j) <= '9')
            {
                int e = 0;
                while (At(j) >= '0' && At(j) <= '9')
                {
                    if (e < 100000) e = e * 10 + (At(j) - '0');
                    j++;
                }
                exponent += negativeExponent ? -e : e;
                i = j;
            }
        }
        if (sticky) mantissa |= 1; // digits beyond 64 bits only matter as "more than zero"
        value = Math.ScaleB((double)mantissa, exponent);
        if (negative) value = -value;
        return i;

        void AddDigit(int digit, bool fraction)
        {
            if (mantissa >> 60 == 0)
            {
                mantissa = mantissa << 4 | (uint)digit;
                if (fraction) exponent -= 4;
            }
            else
            {
                if (digit != 0) sticky = true;
                if (!fraction) exponent += 4;
            }
        }
    }
}
