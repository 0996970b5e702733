namespace LuaVm.Runtime;

/// <summary>
/// Decimal digits of an ordinary number without a general formatter, for %.Nf and the fixed
/// style of %g (tostring's %.14g): the number times 10^N, rounded to an integer exactly as
/// glibc's printf rounds (on the double's exact binary value, a tie to the even neighbour), then
/// its digits with the point put back. A double is m × 2^e exactly, so that product is
/// m × 10^N × 2^e: below 2^117 for N ≤ 19, and the shift by e and the rounding are done on those
/// bits with nothing lost. Numbers whose scaled value reaches 2^63 are left to the general formatter.
/// </summary>
internal static class FixedPoint
{
    /// <summary>The most decimals <see cref="TryScale"/> takes.</summary>
    public const int MaxDecimals = 19;

    /// <summary>10^0 to 10^19.</summary>
    public static readonly ulong[] Tens =
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000,
        100_000_000_000_000, 1_000_000_000_000_000, 10_000_000_000_000_000,
        100_000_000_000_000_000, 1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
    ];

    /// <summary>round(<paramref name="a"/> × 10^<paramref name="decimals"/>), ties to even; false when it is 2^63 or more. <paramref name="a"/> is finite and not negative; decimals ≤ <see cref="MaxDecimals"/>.</summary>
    public static bool TryScale(double a, int decimals, out ulong scaled)
    {
        scaled = 0;
        long bits = BitConverter.DoubleToInt64Bits(a);
        int biased = (int)(bits >> 52) & 0x7FF;
        ulong mantissa = (ulong)bits & 0xF_FFFF_FFFF_FFFFUL;
        if (biased == 0) biased = 1; // subnormal: no hidden bit
        else mantissa |= 1UL << 52;
        int exponent = biased - 1075; // a = mantissa × 2^exponent
        ulong high = MultiplyHigh(mantissa, Tens[decimals], out ulong low); // mantissa × 10^decimals, below 2^117
        if (exponent >= 0)
        {
            // an integer: shifted left, it must stay below 2^63
            if (high != 0 || exponent >= 63 || (low >> (63 - exponent)) != 0) return false;
            scaled = low << exponent;
            return true;
        }
        int shift = -exponent;
        if (shift >= 128)
            return true; // the product is below 2^117, under half of 2^shift: rounds to 0
        // quotient and remainder of the 128-bit product by 2^shift, and the remainder's half-way mark
        ulong quotientHigh, quotient, remainderHigh, remainder, halfHigh, half;
        if (shift < 64)
        {
            quotient = (low >> shift) | (high << (64 - shift));
            quotientHigh = high >> shift;
            remainderHigh = 0;
            remainder = low & ((1UL << shift) - 1);
            halfHigh = 0;
            half = 1UL << (shift - 1);
        }
        else
        {
            quotient = high >> (shift - 64);
            quotientHigh = 0;
            remainderHigh = shift == 64 ? 0 : high & ((1UL << (shift - 64)) - 1);
            remainder = low;
            halfHigh = shift == 64 ? 0 : 1UL << (shift - 65);
            half = shift == 64 ? 1UL << 63 : 0;
        }
        if (quotientHigh != 0 || quotient >= 1UL << 63) return false;
        int versusHalf = remainderHigh != halfHigh ? remainderHigh.CompareTo(halfHigh) : remainder.CompareTo(half);
        if (versusHalf > 0 || (versusHalf == 0 && (quotient & 1) != 0)) quotient++;
        scaled = quotient;
        return true;
    }

    /// <summary>The digits of <paramref name="scaled"/> with a point before its last <paramref name="decimals"/> (none for 0), at least one digit before it; returns the chars written.</summary>
    public static int Digits(ulong scaled, int decimals, Span<char> into)
    {
        Span<char> digits = stackalloc char[20];
        int n = 0;
        do
        {
            digits[n++] = (char)('0' + (int)(scaled % 10));
            scaled /= 10;
        } while (scaled != 0);
        while (n <= decimals) digits[n++] = '0'; // 0.05 at two decimals is "5": "0.05"
        int at = 0;
        for (int i = n - 1; i >= decimals; i--) into[at++] = digits[i];
        if (decimals > 0)
        {
            into[at++] = '.';
            for (int i = decimals - 1; i >= 0; i--) into[at++] = digits[i];
        }
        return at;
    }

    /// <summary>The high 64 bits of <paramref name="a"/> × <paramref name="b"/>; the low ones in <paramref name="low"/>.</summary>
    private static ulong MultiplyHigh(ulong a, ulong b, out ulong low)
    {
#if NETSTANDARD2_1
        return MultiplyHighPortable(a, b, out low);
#else
        return Math.BigMul(a, b, out low);
#endif
    }

    /// <summary><see cref="MultiplyHigh"/> from 32-bit halves, for netstandard2.1, which has no Math.BigMul of two ulongs (tested against it).</summary>
    internal static ulong MultiplyHighPortable(ulong a, ulong b, out ulong low)
    {
        ulong aLow = (uint)a, aHigh = a >> 32, bLow = (uint)b, bHigh = b >> 32;
        ulong lowLow = aLow * bLow, highLow = aHigh * bLow, lowHigh = aLow * bHigh, highHigh = aHigh * bHigh;
        ulong middle = (lowLow >> 32) + (uint)highLow + (uint)lowHigh;
        low = (middle << 32) | (uint)lowLow;
        return highHigh + (highLow >> 32) + (lowHigh >> 32) + (middle >> 32);
    }
}
