using System.Globalization;
using System.Text;
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
        var output = new List<byte>(format.Length + 16);
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
            Append(output, Convert(call, spec, arg));
        }
        return new LuaString(output.ToArray());
    }

    private static void Append(List<byte> output, string s)
    {
        foreach (char ch in s) output.Add((byte)ch);
    }

    private readonly record struct Spec(string Flags, int Width, int Precision, char Conversion)
    {
        public bool Left => Flags.Contains('-');
        public bool Plus => Flags.Contains('+');
        public bool Space => Flags.Contains(' ');
        public bool Alternate => Flags.Contains('#');
        public bool Zero => Flags.Contains('0');
    }

    private static Spec ParseSpec(CallContext call, byte[] f, ref int i)
    {
        int start = i;
        while (i < f.Length && Flags.IndexOf((char)f[i]) >= 0) i++;
        if (i - start > Flags.Length) throw call.Error("invalid format (repeated flags)");
        string flags = Encoding.Latin1.GetString(f, start, i - start);
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
            case 'q':
                return Quote(call.CheckString(arg));
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
                body = a.ToString("F" + precision, CultureInfo.InvariantCulture);
                if (spec.Alternate && precision == 0) body += ".";
                break;
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

    /// <summary>%q: a string literal that reads back as the same bytes (lua5.1's addquoted).</summary>
    private static string Quote(LuaString s)
    {
        var sb = new StringBuilder("\"");
        foreach (byte b in s.Bytes)
        {
            switch (b)
            {
                case (byte)'"': sb.Append("\\\""); break;
                case (byte)'\\': sb.Append("\\\\"); break;
                case (byte)'\n': sb.Append("\\\n"); break;
                case (byte)'\r': sb.Append("\\r"); break;
                case 0: sb.Append("\\000"); break;
                default: sb.Append((char)b); break;
            }
        }
        return sb.Append('"').ToString();
    }
}
