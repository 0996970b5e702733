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
        return FixedLen(n, ref budget);
    }

    private static int FixedLen(Node n, ref int budget)
    {
        StackGuard.Check();
        switch (n.Tag)
        {
            case Tag.Char: case Tag.Set: return 1;
            case Tag.Any: return n.N;
            case Tag.Str: return n.Bytes!.Length;
            case Tag.True: case Tag.False: case Tag.Not: case Tag.And: case Tag.Behind: return 0;
            case Tag.Rep: case Tag.RepMax: case Tag.RunTime: case Tag.OpenCall: return -1;
            case Tag.Capture: return FixedLen(n.A!, ref budget);
            case Tag.Grammar: return FixedLen(n.Rules![0].Body, ref budget);
            case Tag.Call:
                if (--budget < 0) return -1;
                return FixedLen(n.Rule!.Body, ref budget);
            case Tag.Seq:
            {
                int a = FixedLen(n.A!, ref budget);
                if (a < 0) return -1;
                int b = FixedLen(n.B!, ref budget);
                if (b < 0) return -1;
                long s = (long)a + b;
                return s > int.MaxValue ? -1 : (int)s;
            }
            case Tag.Choice:
            {
                int a = FixedLen(n.A!, ref budget);
                if (a < 0) return -1;
                int b = FixedLen(n.B!, ref budget);
                return a == b ? a : -1;
            }
            default: throw new InvalidOperationException("unknown tree node");
        }
    }

    /// <summary>Whether the pattern (or a rule it calls) contains a capture.</summary>
    public static bool HasCaptures(Node n) => HasCaptures(n, null);

    private static bool HasCaptures(Node n, HashSet<Rule>? visited)
    {
        while (true)
        {
            StackGuard.Check();
            switch (n.Tag)
            {
                case Tag.Capture: case Tag.RunTime: return true;
                case Tag.Call:
                    visited ??= new HashSet<Rule>();
                    if (!visited.Add(n.Rule!)) return false;
                    n = n.Rule!.Body;
                    continue;
                case Tag.Grammar:
                    foreach (var r in n.Rules!)
                        if (HasCaptures(r.Body, visited)) return true;
                    return false;
                case Tag.Seq: case Tag.Choice:
                    if (HasCaptures(n.A!, visited)) return true;
                    n = n.B!;
                    continue;
                case Tag.Rep: case Tag.RepMax: case Tag.Not: case Tag.And: case Tag.Behind:
                    n = n.A!;
                    continue;
                default: return false;
            }
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
    /// starts with a byte of <paramref name="follow"/>; returns true when the pattern may succeed
    /// without consuming (so a failed first-byte test does not prove it fails).
    /// </summary>
    public static bool First(Node n, Charset follow, out Charset first)
    {
        StackGuard.Check();
        switch (n.Tag)
        {
            case Tag.Char: first = Charset.Of(n.Ch); return false;
            case Tag.Str: first = Charset.Of(n.Bytes![0]); return false;
            case Tag.Set: first = n.Set!; return false;
            case Tag.Any: first = Charset.Full; return false;
            case Tag.False: first = Charset.Empty; return false;
            case Tag.True: first = follow; return true;
            case Tag.Rep:
            {
                First(n.A!, Charset.Full, out var a);
                if (n.N > 0 && !Nullable(n.A!)) { first = a; return false; }
                first = a.Union(follow);
                return true;
            }
            case Tag.RepMax:
            {
                First(n.A!, Charset.Full, out var a);
                first = a.Union(follow);
                return true;
            }
            case Tag.Seq:
            {
                bool ea = First(n.A!, Charset.Full, out var a);
                if (!ea) { first = a; return false; }
                bool eb = First(n.B!, follow, out var b);
                first = a.Union(b);
                return eb;
            }
            case Tag.Choice:
            {
                bool ea = First(n.A!, follow, out var a);
                bool eb = First(n.B!, follow, out var b);
                first = a.Union(b);
                return ea || eb;
            }
            case Tag.Capture: return First(n.A!, follow, out first);
            case Tag.Grammar: return First(n.Rules![0].Body, follow, out first);
            case Tag.Call: return First(n.Rule!.Body, follow, out first);
            case Tag.Not:
            {
                var cs = ToCharset(n.A!);
                first = cs is null ? follow : follow.Minus(cs);
                return true;
            }
            case Tag.And:
            {
                First(n.A!, follow, out var a);
                first = a.Intersect(follow);
                return true;
            }
            case Tag.Behind: first = follow; return true;
            default: first = Charset.Full; return true; // RunTime: a function decides
        }
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
