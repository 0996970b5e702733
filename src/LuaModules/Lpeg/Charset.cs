namespace LuaModules.Lpeg;

/// <summary>A set of bytes (256 bits), immutable once built: the class of a Set pattern or a first-character test.</summary>
internal sealed class Charset
{
    public readonly ulong[] Bits = new ulong[4];

    public static readonly Charset Full = MakeFull();
    public static readonly Charset Empty = new();

    private static Charset MakeFull()
    {
        var s = new Charset();
        for (int i = 0; i < 4; i++) s.Bits[i] = ulong.MaxValue;
        return s;
    }

    public bool Has(int c) => ((Bits[c >> 6] >> (c & 63)) & 1) != 0;

    public void Add(int c) => Bits[c >> 6] |= 1UL << (c & 63);

    public static Charset Of(byte c)
    {
        var s = new Charset();
        s.Add(c);
        return s;
    }

    public Charset Union(Charset o)
    {
        var s = new Charset();
        for (int i = 0; i < 4; i++) s.Bits[i] = Bits[i] | o.Bits[i];
        return s;
    }

    public Charset Intersect(Charset o)
    {
        var s = new Charset();
        for (int i = 0; i < 4; i++) s.Bits[i] = Bits[i] & o.Bits[i];
        return s;
    }

    public Charset Minus(Charset o)
    {
        var s = new Charset();
        for (int i = 0; i < 4; i++) s.Bits[i] = Bits[i] & ~o.Bits[i];
        return s;
    }

    public bool Disjoint(Charset o) =>
        (Bits[0] & o.Bits[0]) == 0 && (Bits[1] & o.Bits[1]) == 0 && (Bits[2] & o.Bits[2]) == 0 && (Bits[3] & o.Bits[3]) == 0;

    /// <summary>The number of members, and the only member when there is exactly one.</summary>
    public int Count(out int single)
    {
        int n = 0;
        single = -1;
        for (int c = 0; c < 256; c++)
            if (Has(c)) { n++; single = c; }
        return n;
    }
}
