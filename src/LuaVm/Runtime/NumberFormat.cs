using System.Globalization;

namespace LuaVm.Runtime;

/// <summary>
/// Number &lt;-&gt; string conversion exactly as lua5.1 does it: numbers print with C's "%.14g"
/// (LUAI_NUMFFORMAT) and strings convert with strtod (plus hex integers via strtoul), allowing
/// leading and trailing whitespace.
/// </summary>
public static class NumberFormat
{
    // .NET's double.NaN has the sign bit set (it prints as "-nan" in C); strtod("nan") does not.
    private static readonly double PositiveNaN = BitConverter.Int64BitsToDouble(0x7FF8000000000000);
    private static readonly double NegativeNaN = BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8000000000000));

    /// <summary>Formats like C's printf("%.14g", d) on glibc.</summary>
    public static string Format(double d)
    {
        // Integers below 10^14 print as themselves under %.14g: the common case, made cheap.
        if (d == Math.Floor(d) && Math.Abs(d) < 1e14 && (d != 0 || !double.IsNegative(d)))
            return ((long)d).ToString(CultureInfo.InvariantCulture);
        return FormatG(d, 14, upper: false, alternate: false);
    }

    /// <summary>
    /// <see cref="Format"/> as a Lua string, without the intermediate .NET string for integers;
    /// the integers 0-1023 (lengths, counts, status codes, small indexes) come from one shared
    /// table, so `"Content-Length: " .. #body` or `tostring(i)` in a loop allocates no digits.
    /// </summary>
    public static LuaString ToLuaString(double d)
    {
        if (d >= 0 && d < SmallIntegerCount && d == Math.Floor(d) && (d != 0 || !double.IsNegative(d)))
            return SmallIntegers[(int)d];
        if (d == Math.Floor(d) && Math.Abs(d) < 1e14 && (d != 0 || !double.IsNegative(d)))
        {
            Span<byte> digits = stackalloc byte[20];
            ((long)d).TryFormat(digits, out int written, default, CultureInfo.InvariantCulture);
            return LuaString.FromBytes(digits[..written]);
        }
        Span<char> text = stackalloc char[MaxGLength];
        int length = FormatG(text, d, 14, upper: false, alternate: false);
        Span<byte> bytes = stackalloc byte[length];
        for (int i = 0; i < length; i++) bytes[i] = (byte)text[i];
        return LuaString.FromBytes(bytes);
    }

    private const int SmallIntegerCount = 1024;
    private static readonly LuaString[] SmallIntegers = MakeSmallIntegers();

    private static LuaString[] MakeSmallIntegers()
    {
        var strings = new LuaString[SmallIntegerCount];
        for (int i = 0; i < strings.Length; i++) strings[i] = LuaString.FromLatin1(i.ToString(CultureInfo.InvariantCulture));
        return strings;
    }

    /// <summary>
    /// C's %g: <paramref name="precision"/> significant digits (0 means 1), exponent form when the
    /// exponent is below -4 or at least the precision, trailing zeros removed unless '#'.
    /// Infinities and NaN print as glibc prints them ("inf", "-inf", "nan", "-nan").
    /// </summary>
    public static string FormatG(double d, int precision, bool upper, bool alternate)
    {
        Span<char> text = stackalloc char[MaxGLength];
        return text[..FormatG(text, d, precision, upper, alternate)].ToString();
    }

    /// <summary>The most chars <see cref="FormatG(Span{char}, double, int, bool, bool)"/> writes: precision is at most 99 (two digits in a format item).</summary>
    public const int MaxGLength = 256;

    /// <summary><see cref="FormatG(double, int, bool, bool)"/> into <paramref name="dest"/> (<see cref="MaxGLength"/> chars); returns the length.</summary>
    public static int FormatG(Span<char> dest, double d, int precision, bool upper, bool alternate)
    {
        if (double.IsNaN(d) || double.IsInfinity(d))
        {
            string s = NonFinite(d, upper);
            s.AsSpan().CopyTo(dest);
            return s.Length;
        }
        if (precision == 0) precision = 1;
        int n = 0;
        if (d == 0)
        {
            if (double.IsNegative(d)) dest[n++] = '-';
            dest[n++] = '0';
            if (alternate)
            {
                dest[n++] = '.';
                for (int i = 1; i < precision; i++) dest[n++] = '0';
            }
            return n;
        }
        if (!alternate && TryFormatGFixed(dest, d, precision, out n)) return n;
        // "E" formatting in .NET is correctly rounded: it gives the decimal exponent after rounding.
        Span<char> format = stackalloc char[4];
        format[0] = 'E';
        (precision - 1).TryFormat(format[1..], out int digits, default, CultureInfo.InvariantCulture);
        d.TryFormat(dest, out int length, format[..(digits + 1)], CultureInfo.InvariantCulture);
        int ePos = dest[..length].IndexOf('E');
        int exp = int.Parse(dest[(ePos + 1)..length], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (exp < -4 || exp >= precision)
        {
            n = alternate ? WithPoint(dest, ePos) : TrimZeros(dest, ePos);
            dest[n++] = upper ? 'E' : 'e';
            dest[n++] = exp < 0 ? '-' : '+';
            int aexp = Math.Abs(exp);
            if (aexp < 10) dest[n++] = '0';
            aexp.TryFormat(dest[n..], out int expDigits, default, CultureInfo.InvariantCulture);
            return n + expDigits;
        }
        int decimals = Math.Max(precision - 1 - exp, 0);
        format[0] = 'F';
        decimals.TryFormat(format[1..], out digits, default, CultureInfo.InvariantCulture);
        d.TryFormat(dest, out length, format[..(digits + 1)], CultureInfo.InvariantCulture);
        return alternate ? WithPoint(dest, length) : TrimZeros(dest, length);
    }

    /// <summary>
    /// %g without '#' of a nonzero finite number whose style is the fixed one (its decimal exponent
    /// after rounding, X, from -4 to precision - 1: nearly every number a program prints), from
    /// <see cref="FixedPoint"/>'s exact scaling instead of two general formattings. The digits are
    /// round(|d| × 10^k) for k = precision - 1 - X, the one k that leaves precision digits: the
    /// E style's digits and the f style's at k decimals alike. False for the rest.
    /// </summary>
    private static bool TryFormatGFixed(Span<char> dest, double d, int precision, out int length)
    {
        length = 0;
        double a = Math.Abs(d);
        if (precision > 17 || !(a >= 1e-5 && a < 1e17)) return false;
        int x = (int)Math.Floor(Math.Log10(a)); // the exponent before rounding, give or take one
        for (int attempt = 0; attempt < 3; attempt++)
        {
            int k = precision - 1 - x;
            if (k < 0 || k > FixedPoint.MaxDecimals || !FixedPoint.TryScale(a, k, out ulong scaled)) return false;
            if (scaled >= FixedPoint.Tens[precision]) x++;
            else if (scaled < FixedPoint.Tens[precision - 1]) x--;
            else
            {
                if (x < -4 || x >= precision) return false; // the E style
                int sign = 0;
                if (d < 0) dest[sign++] = '-';
                length = TrimZeros(dest, sign + FixedPoint.Digits(scaled, k, dest[sign..]));
                return true;
            }
        }
        return false;
    }

    /// <summary>C's %g without '#': the digits after a decimal point lose their trailing zeros, and a bare point goes too.</summary>
    private static int TrimZeros(Span<char> s, int length)
    {
        if (s[..length].IndexOf('.') < 0) return length;
        while (s[length - 1] == '0') length--;
        return s[length - 1] == '.' ? length - 1 : length;
    }

    /// <summary>'#' always shows the decimal point.</summary>
    private static int WithPoint(Span<char> s, int length)
    {
        if (s[..length].IndexOf('.') >= 0) return length;
        s[length] = '.';
        return length + 1;
    }

    /// <summary>"inf", "-inf", "nan" or "-nan" (upper-cased for %E/%G/%F).</summary>
    public static string NonFinite(double d, bool upper)
    {
        string s = double.IsNaN(d) ? (BitConverter.DoubleToInt64Bits(d) < 0 ? "-nan" : "nan") : (d > 0 ? "inf" : "-inf");
        return upper ? s.ToUpperInvariant() : s;
    }


    /// <summary>Parses a whole string as lua5.1's luaO_str2d does; false if it is not a number.</summary>
    public static bool TryParse(ReadOnlySpan<byte> s, out double result)
    {
        result = 0;
        int i = 0, n = s.Length;
        while (i < n && IsSpace(s[i])) i++;
        int end = n;
        while (end > i && IsSpace(s[end - 1])) end--;
        if (i == end) return false;
        var body = s[i..end];
        if (!TryStrtod(body, out result, out int used)) return false;
        if (used == body.Length) return true;
        // strtod stopped at an 'x': lua5.1 retries as a hexadecimal integer (strtoul base 16).
        if (body[used] is (byte)'x' or (byte)'X') return TryHexInteger(body, out result);
        return false;
    }

    /// <summary>C isspace in the "C" locale.</summary>
    public static bool IsSpace(byte c) => c == ' ' || (c >= '\t' && c <= '\r');

    private static bool TryHexInteger(ReadOnlySpan<byte> s, out double result)
    {
        result = 0;
        int i = 0;
        bool neg = false;
        if (i < s.Length && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
        if (i + 1 < s.Length && s[i] == '0' && (s[i + 1] | 0x20) == 'x') i += 2;
        if (i >= s.Length) return false;
        ulong v = 0;
        for (; i < s.Length; i++)
        {
            int digit = HexDigit(s[i]);
            if (digit < 0) return false;
            v = v > (ulong.MaxValue >> 4) ? ulong.MaxValue : (v << 4) | (uint)digit;
        }
        // strtoul saturates at ULONG_MAX; its negation wraps like C's unsigned arithmetic.
        result = neg ? (double)(0 - v) : v;
        return true;
    }

    private static int HexDigit(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>
    /// The longest prefix that C's strtod accepts: decimal with optional fraction and exponent,
    /// "inf"/"infinity"/"nan", and hexadecimal "0x..." with optional 'p' exponent.
    /// </summary>
    public static bool TryStrtod(ReadOnlySpan<byte> s, out double result, out int used)
    {
        result = 0;
        used = 0;
        int i = 0;
        bool neg = false;
        if (i < s.Length && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
        if (MatchWord(s, i, "infinity")) { result = neg ? double.NegativeInfinity : double.PositiveInfinity; used = i + 8; return true; }
        if (MatchWord(s, i, "inf")) { result = neg ? double.NegativeInfinity : double.PositiveInfinity; used = i + 3; return true; }
        if (MatchWord(s, i, "nan")) { result = neg ? NegativeNaN : PositiveNaN; used = i + 3; return true; }
        if (i + 1 < s.Length && s[i] == '0' && (s[i + 1] | 0x20) == 'x' && i + 2 < s.Length && (HexDigit(s[i + 2]) >= 0 || (s[i + 2] == '.' && i + 3 < s.Length && HexDigit(s[i + 3]) >= 0)))
            return TryHexFloat(s, i + 2, neg, out result, out used);
        int start = i;
        int digits = 0;
        while (i < s.Length && IsDigit(s[i])) { i++; digits++; }
        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && IsDigit(s[i])) { i++; digits++; }
        }
        if (digits == 0) return false;
        if (i < s.Length && (s[i] | 0x20) == 'e')
        {
            int j = i + 1;
            if (j < s.Length && (s[j] == '-' || s[j] == '+')) j++;
            if (j < s.Length && IsDigit(s[j]))
            {
                while (j < s.Length && IsDigit(s[j])) j++;
                i = j;
            }
        }
        Span<char> buf = i - start <= 256 ? stackalloc char[i - start] : new char[i - start];
        for (int k = start; k < i; k++) buf[k - start] = (char)s[k];
        result = double.Parse(buf, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (neg) result = -result;
        used = i;
        return true;
    }

    private static bool TryHexFloat(ReadOnlySpan<byte> s, int i, bool neg, out double result, out int used)
    {
        double mant = 0;
        int exp = 0;
        while (i < s.Length && HexDigit(s[i]) >= 0) mant = mant * 16 + HexDigit(s[i++]);
        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && HexDigit(s[i]) >= 0) { mant = mant * 16 + HexDigit(s[i++]); exp -= 4; }
        }
        if (i < s.Length && (s[i] | 0x20) == 'p')
        {
            int j = i + 1;
            bool eneg = false;
            if (j < s.Length && (s[j] == '-' || s[j] == '+')) eneg = s[j++] == '-';
            if (j < s.Length && IsDigit(s[j]))
            {
                int e = 0;
                while (j < s.Length && IsDigit(s[j])) e = Math.Min(e * 10 + (s[j++] - '0'), 100000);
                exp += eneg ? -e : e;
                i = j;
            }
        }
        result = mant * Math.Pow(2, exp);
        if (neg) result = -result;
        used = i;
        return true;
    }

    private static bool MatchWord(ReadOnlySpan<byte> s, int i, string word)
    {
        if (s.Length - i < word.Length) return false;
        for (int k = 0; k < word.Length; k++)
            if ((s[i + k] | 0x20) != word[k]) return false;
        return true;
    }

    private static bool IsDigit(byte c) => c >= '0' && c <= '9';
}
