using System.Globalization;
using LuaVm.Runtime;

namespace LuaVm.Library.String;

/// <summary>
/// string.format: C printf conversions as glibc prints them (flags, width, precision), %q as
/// lua5.1 quotes strings, and lua5.1's errors for malformed formats.
/// </summary>
internal static class StringFormat
{
    private const string Flags = "-+ #0";

    public static LuaString Format(CallContext call)
    {
        var format = call.CheckString(1).Bytes;
        var output = ByteBuffer.Take();
        int arg = 1;
        for (int i = 0; i < format.Length; i++)
        {
            byte c = format[i];
            if (c != '%')
            {
                output.Add(c);
                continue;
            }
            if (i + 1 < format.Length && format[i + 1] == '%')
            {
                output.Add((byte)'%');
                i++;
                continue;
            }
            // lstrlib.c asks for the argument before it reads the item ("%" alone included)
            if (++arg > call.ArgCount) throw call.ArgError(arg, "no value");
            if (++i >= format.Length) throw call.Error("invalid option '%' to 'format'");
            var spec = ParseSpec(call, format, ref i);
            if (!TryPlain(call, spec, arg, output)) output.AddLatin1(Convert(call, spec, arg));
        }
        return output.ToLuaStringAndRelease();
    }

    /// <summary>
    /// %q, and the items written most often, straight into the buffer: %s without flags, width or
    /// precision; %d with a width or zeros at most; %g and %f of a finite number without flags.
    /// False for the rest, which <see cref="Convert"/> formats.
    /// </summary>
    private static bool TryPlain(CallContext call, Spec spec, int arg, ByteBuffer output)
    {
        var value = call[arg];
        switch (spec.Conversion)
        {
            case 'q':
                Quote(call.CheckString(arg), output);
                return true;
            case 's' when spec.Flags == 0 && spec.Width == 0 && spec.Precision < 0 && value.Obj is LuaString s:
            {
                // a long string is copied whole; a short one is a C string to sprintf, ending at a zero byte
                var bytes = s.Bytes.AsSpan();
                int zero = bytes.Length >= 100 ? -1 : bytes.IndexOf((byte)0);
                output.Add(zero < 0 ? bytes : bytes[..zero]);
                return true;
            }
            case 'd' or 'i' when (spec.Flags & ~FormatFlags.Zero) == 0 && spec.Precision < 0 && value.IsNumber:
                // %d, %5d, %05d: the integer, padded with spaces, or with zeros after its sign
                AddInteger(output, CallContext.ToInteger(value.Num), spec.Width, spec.Zero);
                return true;
            case 'g' or 'G' when spec.Flags == 0 && value.IsNumber && double.IsFinite(value.Num) && spec.Precision <= 17:
                AddG(output, value.Num, spec);
                return true;
            case 'f' when spec.Flags == 0 && value.IsNumber:
                return TryAddFixed(output, value.Num, spec);
            default:
                return false;
        }
    }

    /// <summary>
    /// %g with a width, a precision or neither, and no flags, of a finite number: an integer with
    /// fewer digits than the precision is the integer itself; otherwise the digits
    /// <see cref="Float"/> makes (<see cref="NumberFormat.FormatG(Span{char}, double, int, bool, bool)"/>), without a string in between.
    /// </summary>
    private static void AddG(ByteBuffer output, double d, Spec spec)
    {
        int precision = spec.Precision < 0 ? 6 : Math.Max(spec.Precision, 1);
        Span<char> text = stackalloc char[32];
        int length;
        if (precision <= 15 && d == Math.Floor(d) && Math.Abs(d) < FixedPoint.Tens[precision] && !(d == 0 && double.IsNegative(d)))
        {
            ((long)d).TryFormat(text, out length, default, CultureInfo.InvariantCulture);
        }
        else length = NumberFormat.FormatG(text, d, precision, spec.Conversion == 'G', alternate: false);
        AddRightAligned(output, text[..length], spec.Width);
    }

    /// <summary>
    /// %f with a width, a precision or neither, and no flags, of a finite number: the digits
    /// <see cref="Float"/> makes (the same "F" format of the magnitude), written into the buffer
    /// without a .NET string in between; false, with nothing written, when they would not fit
    /// the stack buffer (a huge number), for <see cref="Convert"/> to format.
    /// </summary>
    private static bool TryAddFixed(ByteBuffer output, double v, Spec spec)
    {
        if (!double.IsFinite(v)) return false;
        Span<char> text = stackalloc char[64];
        int sign = double.IsNegative(v) ? 1 : 0; // -0.0 prints "-0.000000", as in glibc
        text[0] = '-';
        int written = FixedDigits(text[sign..], Math.Abs(v), spec.Precision < 0 ? 6 : spec.Precision);
        if (written < 0) return false;
        AddRightAligned(output, text[..(sign + written)], spec.Width);
        return true;
    }

    /// <summary>An item's text, after the spaces that make it <paramref name="width"/> wide (no '-' flag).</summary>
    private static void AddRightAligned(ByteBuffer output, ReadOnlySpan<char> text, int width)
    {
        for (int i = text.Length; i < width; i++) output.Add((byte)' ');
        output.AddLatin1(text);
    }

    /// <summary>
    /// The digits of %.Nf of a finite <paramref name="a"/> that is not negative, into
    /// <paramref name="dest"/>: from <see cref="FixedPoint"/>'s exact scaling, or past its reach
    /// from .NET's "F" format, which gives the same digits; -1 when they do not fit.
    /// </summary>
    private static int FixedDigits(Span<char> dest, double a, int precision)
    {
        if (precision <= FixedPoint.MaxDecimals && FixedPoint.TryScale(a, precision, out ulong scaled))
            return FixedPoint.Digits(scaled, precision, dest);
        return a.TryFormat(dest, out int written, FixedFormat(precision), CultureInfo.InvariantCulture) ? written : -1;
    }

    /// <summary>"F0" to "F99": a precision has two digits at most.</summary>
    private static readonly string?[] FixedFormats = new string?[100];

    private static string FixedFormat(int precision) =>
        FixedFormats[precision] ??= "F" + precision.ToString(CultureInfo.InvariantCulture);

    private static void AddInteger(ByteBuffer output, long v, int width = 0, bool zeros = false)
    {
        Span<byte> digits = stackalloc byte[20];
        v.TryFormat(digits, out int written, default, CultureInfo.InvariantCulture);
        int from = 0;
        if (zeros && digits[0] == '-' && width > written)
        {
            output.Add((byte)'-');
            from = 1;
        }
        for (int i = written; i < width; i++) output.Add(zeros ? (byte)'0' : (byte)' ');
        output.Add(digits[from..written]);
    }

    [Flags]
    private enum FormatFlags : byte
    {
        None = 0,
        Left = 1,
        Plus = 2,
        Space = 4,
        Alternate = 8,
        Zero = 16,
    }

    private readonly record struct Spec(FormatFlags Flags, int Width, int Precision, char Conversion)
    {
        public bool Left => (Flags & FormatFlags.Left) != 0;
        public bool Plus => (Flags & FormatFlags.Plus) != 0;
        public bool Space => (Flags & FormatFlags.Space) != 0;
        public bool Alternate => (Flags & FormatFlags.Alternate) != 0;
        public bool Zero => (Flags & FormatFlags.Zero) != 0;
    }

    private static Spec ParseSpec(CallContext call, byte[] f, ref int i)
    {
        int start = i;
        var flags = FormatFlags.None;
        for (int at; i < f.Length && (at = Flags.IndexOf((char)f[i])) >= 0; i++) flags |= (FormatFlags)(1 << at);
        if (i - start > Flags.Length) throw call.Error("invalid format (repeated flags)");
        int width = 0, digits = 0;
        while (i < f.Length && f[i] >= '0' && f[i] <= '9')
        {
            width = width * 10 + (f[i++] - '0');
            digits++;
        }
        int precision = -1;
        if (i < f.Length && f[i] == '.')
        {
            i++;
            precision = 0;
            int pd = 0;
            while (i < f.Length && f[i] >= '0' && f[i] <= '9')
            {
                precision = precision * 10 + (f[i++] - '0');
                pd++;
            }
            if (pd > 2) throw call.Error("invalid format (width or precision too long)");
        }
        if (digits > 2) throw call.Error("invalid format (width or precision too long)");
        if (i >= f.Length) throw call.Error("invalid option '%' to 'format'");
        return new Spec(flags, width, precision, (char)f[i]);
    }

    private static string Convert(CallContext call, Spec spec, int arg)
    {
        switch (spec.Conversion)
        {
            case 'c':
            {
                // lua5.1 passes (int)number: x86-64 turns NaN and values outside int's range into INT_MIN, whose low byte is 0
                double d = call.CheckNumber(arg);
                int code = double.IsNaN(d) || d >= 2147483648.0 || d < -2147483648.0 ? int.MinValue : (int)d;
                return CString(Pad(((char)(byte)code).ToString(), spec, numeric: false));
            }
            case 'd':
            case 'i':
            {
                long v = CallContext.ToInteger(call.CheckNumber(arg));
                return Integer(v < 0 ? (ulong)(-(v + 1)) + 1 : (ulong)v, v < 0, 10, spec);
            }
            case 'o':
            case 'u':
            case 'x':
            case 'X':
            {
                double d = call.CheckNumber(arg);
                // as glibc's cast on x86-64: NaN becomes 0x8000000000000000, too large becomes 0
                ulong v = double.IsNaN(d) ? 1UL << 63 : d < 0 ? (ulong)CallContext.ToInteger(d) : d >= 1.8446744073709552e19 ? 0 : (ulong)d;
                return Integer(v, false, spec.Conversion == 'o' ? 8 : spec.Conversion == 'u' ? 10 : 16, spec);
            }
            case 'e':
            case 'E':
            case 'f':
            case 'g':
            case 'G':
                return Float(call.CheckNumber(arg), spec);
            case 's':
            {
                string s = call.CheckString(arg).ToLatin1String(); // 5.1's %s takes strings and numbers only
                // lua5.1 copies a long string whole when no precision is given; otherwise sprintf
                // sees a C string, which ends at the first zero byte.
                if (spec.Precision < 0 && s.Length >= 100) return s;
                s = CString(s);
                if (spec.Precision >= 0 && s.Length > spec.Precision) s = s[..spec.Precision];
                return Pad(s, spec, numeric: false);
            }
            default:
                throw call.ErrorLatin1($"invalid option '%{spec.Conversion}' to 'format'");
        }
    }

    private static string Integer(ulong magnitude, bool negative, int radix, Spec spec)
    {
        string digits = radix switch
        {
            8 => System.Convert.ToString((long)magnitude, 8),
            16 => magnitude.ToString(spec.Conversion == 'X' ? "X" : "x", CultureInfo.InvariantCulture),
            _ => magnitude.ToString(CultureInfo.InvariantCulture),
        };
        if (spec.Precision >= 0)
        {
            if (spec.Precision == 0 && magnitude == 0) digits = "";
            else if (digits.Length < spec.Precision) digits = new string('0', spec.Precision - digits.Length) + digits;
        }
        string prefix = negative ? "-" : spec.Conversion is 'd' or 'i' ? (spec.Plus ? "+" : spec.Space ? " " : "") : "";
        if (spec.Alternate && magnitude != 0 && radix == 16) prefix += spec.Conversion == 'X' ? "0X" : "0x";
        if (spec.Alternate && radix == 8 && !digits.StartsWith('0')) digits = "0" + digits;
        return PadNumber(prefix, digits, spec, allowZero: spec.Precision < 0);
    }

    private static string Float(double v, Spec spec)
    {
        bool upper = char.IsUpper(spec.Conversion);
        int precision = spec.Precision < 0 ? 6 : spec.Precision;
        bool negative = double.IsNegative(v) && !(double.IsNaN(v) && BitConverter.DoubleToInt64Bits(v) >= 0);
        string prefix = negative ? "-" : spec.Plus ? "+" : spec.Space ? " " : "";
        if (double.IsNaN(v) || double.IsInfinity(v))
        {
            string text = double.IsNaN(v) ? "nan" : "inf";
            if (BitConverter.DoubleToInt64Bits(v) < 0) prefix = "-";
            return PadNumber(prefix, upper ? text.ToUpperInvariant() : text, spec, allowZero: false);
        }
        double a = Math.Abs(v);
        string body;
        switch (char.ToLowerInvariant(spec.Conversion))
        {
            case 'f':
            {
                Span<char> digits = stackalloc char[64];
                int n = FixedDigits(digits, a, precision);
                body = n >= 0 ? digits[..n].ToString() : a.ToString(FixedFormat(precision), CultureInfo.InvariantCulture);
                if (spec.Alternate && precision == 0) body += ".";
                break;
            }
            case 'e':
                body = Exponential(a, precision, upper);
                if (spec.Alternate && precision == 0) body = body.Insert(1, ".");
                break;
            default:
                body = NumberFormat.FormatG(a, precision, upper, spec.Alternate);
                break;
        }
        return PadNumber(prefix, body, spec, allowZero: true);
    }

    private static string Exponential(double a, int precision, bool upper)
    {
        string s = a.ToString((upper ? "E" : "e") + precision, CultureInfo.InvariantCulture);
        int e = s.IndexOfAny(['e', 'E']);
        string mantissa = s[..e];
        int exponent = int.Parse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return $"{mantissa}{(upper ? 'E' : 'e')}{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}";
    }

    private static string PadNumber(string prefix, string digits, Spec spec, bool allowZero)
    {
        int length = prefix.Length + digits.Length;
        if (length >= spec.Width) return prefix + digits;
        if (spec.Left) return prefix + digits + new string(' ', spec.Width - length);
        if (spec.Zero && allowZero) return prefix + new string('0', spec.Width - length) + digits;
        return new string(' ', spec.Width - length) + prefix + digits;
    }

    /// <summary>What strlen would see of a sprintf result: the text up to the first zero char.</summary>
    private static string CString(string s)
    {
        int zero = s.IndexOf('\0');
        return zero < 0 ? s : s[..zero];
    }

    private static string Pad(string s, Spec spec, bool numeric)
    {
        _ = numeric;
        if (s.Length >= spec.Width) return s;
        return spec.Left ? s + new string(' ', spec.Width - s.Length) : new string(' ', spec.Width - s.Length) + s;
    }

    /// <summary>%q, with or without flags (lua5.1 ignores them): a string literal that reads back as the same bytes (lua5.1's addquoted).</summary>
    private static void Quote(LuaString s, ByteBuffer output)
    {
        output.Add((byte)'"');
        foreach (byte b in s.Bytes)
        {
            switch (b)
            {
                case (byte)'"': output.Add("\\\""u8); break;
                case (byte)'\\': output.Add("\\\\"u8); break;
                case (byte)'\n': output.Add("\\\n"u8); break;
                case (byte)'\r': output.Add("\\r"u8); break;
                case 0: output.Add("\\000"u8); break;
                default: output.Add(b); break;
            }
        }
        output.Add((byte)'"');
    }
}
