using System.Globalization;

namespace LuaModules.Cjson;

/// <summary>
/// Numbers as lua-cjson writes them: C's printf("%.Ng") with N the precision (fpconv_g_fmt, always with a
/// '.' whatever the locale), written as bytes straight into the encoder's buffer.
/// </summary>
internal static class JsonNumberFormat
{
    /// <summary>The most bytes <see cref="Write"/> produces: "-d.ddddddddddddde-308".</summary>
    public const int MaxLength = 32;

    private static readonly string[] ExponentFormats = MakeExponentFormats();
    private static readonly double[] PowersOfTen = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    private static string[] MakeExponentFormats()
    {
        var formats = new string[15];
        for (int i = 0; i < formats.Length; i++) formats[i] = "E" + i.ToString(CultureInfo.InvariantCulture);
        return formats;
    }

    /// <summary>
    /// Writes <paramref name="d"/> with <paramref name="precision"/> (1 to 14) significant digits
    /// as %g does, infinities as glibc prints them ("inf", "-inf"); returns the bytes written.
    /// <paramref name="dest"/> must have room for <see cref="MaxLength"/> bytes. NaN is the
    /// caller's business (lua-cjson writes it as "nan" or null, or refuses it).
    /// </summary>
    public static int Write(double d, int precision, Span<byte> dest)
    {
        // integers with at most `precision` digits print as themselves: the common case, made cheap
        if (d == Math.Floor(d) && Math.Abs(d) < PowersOfTen[precision])
        {
            if (d == 0 && double.IsNegative(d))
            {
                dest[0] = (byte)'-';
                dest[1] = (byte)'0';
                return 2;
            }
            return WriteInteger((long)d, dest);
        }
        if (double.IsInfinity(d)) return WriteInfinity(d, dest);
        return WriteGeneral(d, precision, dest);
    }

    private static int WriteInteger(long v, Span<byte> dest)
    {
        int pos = 0;
        ulong u;
        if (v < 0)
        {
            dest[pos++] = (byte)'-';
            u = (ulong)(-v);
        }
        else u = (ulong)v;
        Span<byte> digits = stackalloc byte[20];
        int n = 0;
        do
        {
            ulong q = u / 10;
            digits[n++] = (byte)('0' + (int)(u - q * 10));
            u = q;
        } while (u != 0);
        while (n > 0) dest[pos++] = digits[--n];
        return pos;
    }

    private static int WriteInfinity(double d, Span<byte> dest)
    {
        int pos = 0;
        if (d < 0) dest[pos++] = (byte)'-';
        dest[pos++] = (byte)'i';
        dest[pos++] = (byte)'n';
        dest[pos++] = (byte)'f';
        return pos;
    }

    /// <summary>
    /// %g from the correctly rounded digits of .NET's "E" format (precision - 1 decimals): the
    /// same digits glibc's printf produces, laid out as %g lays them out.
    /// </summary>
    private static int WriteGeneral(double d, int precision, Span<byte> dest)
    {
        Span<byte> e = stackalloc byte[40];
        d.TryFormat(e, out int len, ExponentFormats[precision - 1], CultureInfo.InvariantCulture);
        // e holds [-]D[.DDD]E(+|-)DDD
        int i = 0, pos = 0;
        if (e[0] == '-')
        {
            dest[pos++] = (byte)'-';
            i = 1;
        }
        Span<byte> digits = stackalloc byte[16];
        int count = 0;
        for (; e[i] != 'E'; i++)
            if (e[i] != '.') digits[count++] = e[i];
        i++;
        bool negativeExponent = e[i] == '-';
        int exponent = 0;
        for (i++; i < len; i++) exponent = exponent * 10 + (e[i] - '0');
        if (negativeExponent) exponent = -exponent;
        while (count > 1 && digits[count - 1] == '0') count--; // %g drops trailing zeros

        if (exponent < -4 || exponent >= precision)
        {
            dest[pos++] = digits[0];
            if (count > 1)
            {
                dest[pos++] = (byte)'.';
                for (int k = 1; k < count; k++) dest[pos++] = digits[k];
            }
            dest[pos++] = (byte)'e';
            dest[pos++] = negativeExponent ? (byte)'-' : (byte)'+';
            int a = Math.Abs(exponent);
            if (a >= 100) dest[pos++] = (byte)('0' + a / 100);
            dest[pos++] = (byte)('0' + a / 10 % 10);
            dest[pos++] = (byte)('0' + a % 10);
            return pos;
        }
        if (exponent >= 0)
        {
            for (int k = 0; k <= exponent; k++) dest[pos++] = k < count ? digits[k] : (byte)'0';
            if (count > exponent + 1)
            {
                dest[pos++] = (byte)'.';
                for (int k = exponent + 1; k < count; k++) dest[pos++] = digits[k];
            }
            return pos;
        }
        dest[pos++] = (byte)'0';
        dest[pos++] = (byte)'.';
        for (int k = -1; k > exponent; k--) dest[pos++] = (byte)'0';
        for (int k = 0; k < count; k++) dest[pos++] = digits[k];
        return pos;
    }
}
