namespace LuaModules.Lpeg;

/// <summary>
/// Static properties of pattern trees (the PEG analyses behind LPeg's checks and optimisations):
/// nullable and no-fail, fixed length, presence of captures, first-character sets, head-fail.
/// Walkers that follow calls into rule bodies run only on verified grammars (no left recursion),
/// where following calls through nullable prefixes always ends.
/// </summary>
internal static class TreeAnalysis
{
    /// <summary>Whether the pattern can match the empty string (nofail: whether it never fails).</summary>
    public static bool Check(Node n, bool nofail)
    {
        while (true)
        {
            switch (n.Tag)
            {
                case Tag.Char: case Tag.Str: case Tag.Set: case Tag.Any: case Tag.False: case Tag.OpenCall:
                    return false;
                case Tag.True: case Tag.RepMax:
                    return true;
                case Tag.Rep:
                    if (n.N == 0) return true;
                    n = n.A!;
                    continue;
                case Tag.Not: case Tag.Behind:
                    return !nofail;
                case Tag.And:
                    if (!nofail) return true;
                    n = n.A!;
                    continue;
                case Tag.RunTime:
                    if (nofail) return false;
                    n = n.A!;
                    continue;
                case Tag.Seq:
                    StackGuard.Check();
                    if (!Check(n.A!, nofail)) return false;
                    n = n.B!;
                    continue;
                case Tag.Choice:
                    StackGuard.Check();
                    if (Check(n.B!, nofail)) return true;
                    n = n.A!;
                    continue;
                case Tag.Capture:
                    n = n.A!;
                    continue;
                case Tag.Grammar:
                    n = n.Rules![0].Body;
                    continue;
                case Tag.Call:
                    n = n.Rule!.Body;
                    continue;
                default:
                    throw new InvalidOperationException("unknown tree node");
            }
        }
    }

    public static bool Nullable(Node n) => Check(n, false);

    public static bool NoFail(Node n) => Check(n, true);

    /// <summary>The length of every string the pattern matches, or -1 when it varies.</summary>
    public static int FixedLen(Node n)
    {
        int budget = 1000;
        bool viaCall = false;
        return FixedLen(n, ref budget, ref viaCall);
    }

    // Results that did not go through a call are cached on the node: a capture nested in
    // captures n deep asks about each level, which would otherwise cost n squared.
    private static int FixedLen(Node n, ref int budget, ref bool viaCall)
    {
        if (n.CachedFixedLen != int.MinValue) return n.CachedFixedLen;
        StackGuard.Check();
        bool outer = viaCall;
        viaCall = false;
        int r = FixedLenOf(n, ref budget, ref viaCall);
        if (!viaCall) n.CachedFixedLen = r;
        viaCall |= outer;
        return r;
    }

    private static int FixedLenOf(Node n, ref int budget, ref bool viaCall)
    {
        switch (n.Tag)
        {
            case Tag.Char: case Tag.Set: return 1;
            case Tag.Any: return n.N;
            case Tag.Str: return n.Bytes!.Length;
            case Tag.True: case Tag.False: case Tag.Not: case Tag.And: case Tag.Behind: return 0;
            case Tag.Rep: case Tag.RepMax: case Tag.RunTime: case Tag.OpenCall: return -1;
            case Tag.Capture: return FixedLen(n.A!, ref budget, ref viaCall);
            case Tag.Grammar: return FixedLen(n.Rules![0].Body, ref budget, ref viaCall);
            case Tag.Call:
                viaCall = true;
                if (--budget < 0) return -1;
                return FixedLen(n.Rule!.Body, ref budget, ref viaCall);
            case Tag.Seq:
            {
                int a = FixedLen(n.A!, ref budget, ref viaCall);
                if (a < 0) return -1;
                int b = FixedLen(n.B!, ref budget, ref viaCall);
                if (b < 0) return -1;
                long s = (long)a + b;
                return s > int.MaxValue ? -1 : (int)s;
            }
            case Tag.Choice:
            {
                int a = FixedLen(n.A!, ref budget, ref viaCall);
                if (a < 0) return -1;
                int b = FixedLen(n.B!, ref budget, ref viaCall);
                return a == b ? a : -1;
            }
            default: throw new InvalidOperationException("unknown tree node");
        }
    }

    /// <summary>Whether the pattern (or a rule it calls) contains a capture.</summary>
    public static bool HasCaptures(Node n)
    {
        bool viaCall = false;
        return HasCaptures(n, null, ref viaCall);
    }

    private static bool HasCaptures(Node n, HashSet<Rule>? visited, ref bool viaCall)
    {
        if (n.CachedHasCaptures >= 0) return n.CachedHasCaptures == 1;
        StackGuard.Check();
        bool outer = viaCall;
        viaCall = false;
        bool r = HasCapturesOf(n, ref visited, ref viaCall);
        if (!viaCall) n.CachedHasCaptures = (sbyte)(r ? 1 : 0);
        viaCall |= outer;
        return r;
    }

    private static bool HasCapturesOf(Node n, ref HashSet<Rule>? visited, ref bool viaCall)
    {
        switch (n.Tag)
        {
            case Tag.Capture: case Tag.RunTime: return true;
            case Tag.Call:
                viaCall = true;
                visited ??= new HashSet<Rule>();
                if (!visited.Add(n.Rule!)) return false;
                return HasCaptures(n.Rule!.Body, visited, ref viaCall);
            case Tag.Grammar:
                foreach (var r in n.Rules!)
                    if (HasCaptures(r.Body, visited, ref viaCall)) return true;
                return false;
            case Tag.Seq: case Tag.Choice:
                return HasCaptures(n.A!, visited, ref viaCall) || HasCaptures(n.B!, visited, ref viaCall);
            case Tag.Rep: case Tag.RepMax: case Tag.Not: case Tag.And: case Tag.Behind:
                return HasCaptures(n.A!, visited, ref viaCall);
            default: return false;
        }
    }

    /// <summary>The pattern as a single-byte set when it is one (a Char, a Set or one Any).</summary>
    public static Charset? ToCharset(Node n) => n.Tag switch
    {
        Tag.Char => Charset.Of(n.Ch),
        Tag.Set => n.Set,
        Tag.Any when n.N == 1 => Charset.Full,
        _ => null,
    };

    /// <summary>
    /// The bytes that can start a successful match of the pattern followed by something that
    /// starts with a byte of <paramref name="follow"/>; returns true when a failed test of the
    /// next byte does not prove the pattern fails (it may succeed without consuming, or it runs
    /// a match-time function that must be called).
    /// </summary>
    public static bool First(Node n, Charset follow, out Charset first) => FirstFlags(n, follow, out first) != 0;

    // 0: a test of the first byte decides; 1: may succeed without consuming; 2 (bit): a match-time function may run first
    private static int FirstFlags(Node n, Charset follow, out Charset first)
    {
        StackGuard.Check();
        switch (n.Tag)
        {
            case Tag.Char: first = Charset.Of(n.Ch); return 0;
            case Tag.Str: first = Charset.Of(n.Bytes![0]); return 0;
            case Tag.Set: first = n.Set!; return 0;
            case Tag.Any: first = Charset.Full; return 0;
            case Tag.False: first = Charset.Empty; return 0;
            case Tag.True: first = follow; return 1;
            case Tag.Rep:
            {
                int e = FirstFlags(n.A!, Charset.Full, out var a);
                if (n.N > 0 && !Nullable(n.A!)) { first = a; return e & 2; }
                first = a.Union(follow);
                return 1 | (e & 2);
            }
            case Tag.RepMax:
            {
                int e = FirstFlags(n.A!, Charset.Full, out var a);
                first = a.Union(follow);
                return 1 | (e & 2);
            }
            case Tag.Seq:
            {
                // FIRST(a b, follow) = FIRST(a, FIRST(b, follow)) when a can match empty
                if (!Nullable(n.A!)) return FirstFlags(n.A!, Charset.Full, out first) & 2;
                int eb = FirstFlags(n.B!, follow, out var b);
                int ea = FirstFlags(n.A!, b, out first);
                if (ea == 0) return 0;
                if (((ea | eb) & 2) != 0) return 2 | 1;
                return eb;
            }
            case Tag.Choice:
            {
                int ea = FirstFlags(n.A!, follow, out var a);
                int eb = FirstFlags(n.B!, follow, out var b);
                first = a.Union(b);
                return ea | eb;
            }
            case Tag.Capture: return FirstFlags(n.A!, follow, out first);
            case Tag.Grammar: return FirstFlags(n.Rules![0].Body, follow, out first);
            case Tag.Call: return FirstFlags(n.Rule!.Body, follow, out first);
            case Tag.Not:
            {
                var cs = ToCharset(n.A!);
                first = cs is null ? follow : follow.Minus(cs);
                return 1 | (HasRunTime(n.A!) ? 2 : 0);
            }
            case Tag.And:
            {
                int e = FirstFlags(n.A!, follow, out var a);
                first = a.Intersect(follow);
                return 1 | (e & 2);
            }
            case Tag.Behind: first = follow; return 1;
            case Tag.RunTime:
            {
                int e = FirstFlags(n.A!, Charset.Full, out first);
                if (e == 0) return 0;
                first = Charset.Full;
                return 3;
            }
            default: first = Charset.Full; return 1;
        }
    }

    private static bool HasRunTime(Node n)
    {
        StackGuard.Check();
        if (n.Tag == Tag.RunTime) return true;
        if (n.Tag is Tag.Call or Tag.Grammar) return HasCaptures(n);
        return (n.A is not null && HasRunTime(n.A)) || (n.B is not null && HasRunTime(n.B));
    }

    /// <summary>Whether the pattern can fail only at its first byte (so a test of that byte decides).</summary>
    public static bool HeadFail(Node n)
    {
        while (true)
        {
            StackGuard.Check();
            switch (n.Tag)
            {
                case Tag.Char: case Tag.Set: case Tag.False: return true;
                case Tag.Any: return n.N == 1;
                case Tag.Capture: case Tag.And: n = n.A!; continue;
                case Tag.Grammar: n = n.Rules![0].Body; continue;
                case Tag.Call: n = n.Rule!.Body; continue;
                case Tag.Seq:
                    if (!NoFail(n.B!)) return false;
                    n = n.A!;
                    continue;
                case Tag.Choice:
                    if (!HeadFail(n.B!)) return false;
                    n = n.A!;
                    continue;
                default: return false;
            }
        }
    }
}
