using LuaVm.Runtime;

namespace LuaVm.Library.String;

/// <summary>
/// What the matcher learns about a pattern while it runs, kept so that the next match with the
/// same pattern does not learn it again: for each position where a single-character class
/// starts, where the class ends and the set of bytes it matches (a 256-bit map, so a byte test is
/// one load and a shift whether the class is a literal, %a or a long [set]), and for positions
/// after a repetition whether the rest of the pattern is a plain tail ("$", "X*$", optionally
/// after one ")") that the matcher can resolve without backtracking.
/// <para>
/// Everything is filled in lazily, at the moment the matcher first reaches a position. That
/// keeps lua5.1's behaviour for malformed patterns: an error such as "malformed pattern (missing
/// ']')" is raised only when matching reaches the bad class, never earlier (a pattern whose bad
/// part is never reached matches as in lua5.1), and an error is never cached.
/// </para>
/// A server uses a handful of constant patterns per request, so each Lua state keeps a few
/// compiled patterns (<see cref="Lookup"/>), keyed by the pattern's content.
/// </summary>
internal sealed class CompiledPattern
{
    /// <summary>The pattern string this was compiled from (the cache key).</summary>
    public readonly LuaString Key;
    /// <summary>The pattern as the matcher reads it: up to the first zero byte, as lua5.1's C string.</summary>
    public readonly byte[] Pat;
    /// <summary>For a class starting at p: its end + 1 (0 = not computed yet).</summary>
    private readonly int[] _endPlusOne;
    /// <summary>For a class starting at p: the bytes it matches.</summary>
    private readonly ulong[]?[] _maps;
    /// <summary>For a position q after a repetition: the kind of tail that starts there (<see cref="TailUnknown"/> until computed).</summary>
    private readonly sbyte[] _tails;

    /// <summary>Tail kinds: none (the generic code runs), "$", "X*$"; TailClose is added when a ")" comes first.</summary>
    public const sbyte TailUnknown = 0, TailNone = 1, TailEnd = 2, TailClassStarEnd = 3, TailKindMask = 3, TailClose = 4;

    private CompiledPattern(LuaString key)
    {
        Key = key;
        var pattern = key.Bytes;
        int zero = Array.IndexOf(pattern, (byte)0);
        Pat = zero < 0 ? pattern : pattern[..zero];
        _endPlusOne = new int[Pat.Length + 1];
        _maps = new ulong[Pat.Length + 1][];
        _tails = new sbyte[Pat.Length + 1];
    }

    // The cache: 16 sets of two, the most recently used of a set first. Two ways, because a
    // program's patterns often come in pairs that alternate (a JSON decoder's "skip blanks" and
    // "find the closing quote"), and with one slot per set two that share it recompiled each
    // other out on every call (544 bytes of garbage per decoded string).
    private const int Sets = 16, Ways = 2;

    /// <summary>The compiled form of <paramref name="pattern"/> from the state's cache (a new one on a miss, replacing the set's least recently used).</summary>
    public static CompiledPattern Lookup(LuaState state, LuaString pattern)
    {
        var cache = state.PatternCache ??= new CompiledPattern[Sets * Ways];
        int h = pattern.GetHashCode();
        int first = ((h ^ (h >>> 16)) & (Sets - 1)) * Ways;
        var c = cache[first];
        // Constant patterns are the same string object on every call; a pattern built at run time
        // still hits when its content is the same.
        if (c != null && Matches(c, pattern)) return c;
        var second = cache[first + 1];
        cache[first + 1] = c; // the first way's pattern becomes the less recent one
        if (second != null && Matches(second, pattern))
        {
            cache[first] = second;
            return second;
        }
        c = new CompiledPattern(pattern);
        cache[first] = c;
        return c;
    }

    private static bool Matches(CompiledPattern c, LuaString pattern) => ReferenceEquals(c.Key, pattern) || c.Key.ContentEquals(pattern);

    // ---- a pattern that is one class: "[^ \t\r\n]", "%s+", "^%d*" ----

    /// <summary>0 not looked at yet, 1 no, 2 yes: the whole pattern is [^] X [+ or *], X a single-character class.</summary>
    private sbyte _single;
    private ulong[]? _singleMap;
    private bool _singleAnchored;
    private byte _singleRepeat;

    /// <summary>
    /// Whether the whole pattern is an optional '^', one single-character class (a byte, '.',
    /// %x or a set) and an optional '+' or '*': then a match is a run of bytes in
    /// <paramref name="map"/>, found by a scan (StringLibrary.FindAux) without the matcher.
    /// Anything else, a malformed class included, is the matcher's (and its errors).
    /// </summary>
    public bool IsSingleClass(out ulong[] map, out bool anchored, out byte repeat)
    {
        if (_single == 0) _single = DescribeSingle();
        map = _singleMap!;
        anchored = _singleAnchored;
        repeat = _singleRepeat;
        return _single == 2;
    }

    private sbyte DescribeSingle()
    {
        var pat = Pat;
        int p = pat.Length > 0 && pat[0] == '^' ? 1 : 0;
        if (p >= pat.Length || pat[p] == '(' || pat[p] == ')' || (pat[p] == '$' && p + 1 == pat.Length)) return 1;
        if (pat[p] == '%' && p + 1 < pat.Length && (pat[p + 1] == 'b' || pat[p + 1] == 'f' || (pat[p + 1] >= '0' && pat[p + 1] <= '9'))) return 1;
        int e = TryClassEnd(pat, p);
        if (e < 0) return 1;
        byte repeat = 0;
        if (e + 1 == pat.Length && (pat[e] == '+' || pat[e] == '*')) repeat = pat[e];
        else if (e != pat.Length) return 1;
        _singleMap = BuildMap(p, e);
        _singleAnchored = p == 1;
        _singleRepeat = repeat;
        return 2;
    }

    /// <summary>Where the single-character class at p ends, read as lstrlib.c's classEnd reads it; -1 for a malformed one.</summary>
    public static int TryClassEnd(byte[] pat, int p)
    {
        byte c = pat[p++];
        if (c == '%') return p >= pat.Length ? -1 : p + 1;
        if (c == '[')
        {
            if (p < pat.Length && pat[p] == '^') p++;
            do
            {
                if (p >= pat.Length) return -1;
                byte cc = pat[p++];
                if (cc == '%')
                {
                    if (p >= pat.Length) return -1;
                    p++;
                }
            } while (p >= pat.Length || pat[p] != ']');
            return p + 1;
        }
        return p;
    }

    /// <summary>Is the class at p already compiled? Then <paramref name="end"/> is where it ends.</summary>
    public bool TryGetClass(int p, out int end, out ulong[] map)
    {
        int e = _endPlusOne[p];
        map = _maps[p]!;
        end = e - 1;
        return e != 0;
    }

    /// <summary>Records the class at p, which the matcher found to end at <paramref name="end"/>; returns its byte map.</summary>
    public ulong[] SetClass(int p, int end)
    {
        var map = BuildMap(p, end);
        _maps[p] = map;
        _endPlusOne[p] = end + 1;
        return map;
    }

    public sbyte GetTail(int q) => _tails[q];

    public void SetTail(int q, sbyte kind) => _tails[q] = kind;

    // ---- byte maps ----

    public static bool InMap(ulong[] map, int c) => ((map[c >> 6] >> c) & 1) != 0;

    private static readonly ulong[] AnyMap = [ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue];
    private static readonly ulong[][] LiteralMaps = BuildLiteralMaps();
    /// <summary>The maps of %a, %A, %d, ... indexed by the class letter; null for a byte that is no class letter.</summary>
    private static readonly ulong[]?[] ClassMaps = BuildClassMaps();

    private static ulong[][] BuildLiteralMaps()
    {
        var maps = new ulong[256][];
        for (int c = 0; c < 256; c++)
        {
            maps[c] = new ulong[4];
            maps[c][c >> 6] = 1UL << c;
        }
        return maps;
    }

    private static ulong[]?[] BuildClassMaps()
    {
        var maps = new ulong[]?[256];
        foreach (char letter in "acdlpsuwxz")
        {
            var lower = new ulong[4];
            var upper = new ulong[4];
            for (int c = 0; c < 256; c++)
            {
                if (LuaPattern.MatchClass(c, letter)) lower[c >> 6] |= 1UL << c;
                if (LuaPattern.MatchClass(c, char.ToUpperInvariant(letter))) upper[c >> 6] |= 1UL << c;
            }
            maps[letter] = lower;
            maps[char.ToUpperInvariant(letter)] = upper;
        }
        return maps;
    }

    /// <summary>The map of %x: a class letter's, or the literal byte's.</summary>
    private static ulong[] EscapeMap(byte letter) => ClassMaps[letter] ?? LiteralMaps[letter];

    /// <summary>The bytes matched by the single-character class between p and end (exclusive), as lstrlib.c's singlematch.</summary>
    private ulong[] BuildMap(int p, int end)
    {
        var pat = Pat;
        switch (pat[p])
        {
            case (byte)'.': return AnyMap;
            case (byte)'%': return EscapeMap(pat[p + 1]);
            case (byte)'[': return BuildSetMap(p, end - 1);
            default: return LiteralMaps[pat[p]];
        }
    }

    /// <summary>The set [...] from p (the '[') to ec (the ']'), read exactly as lstrlib.c's matchbracketclass reads it.</summary>
    private ulong[] BuildSetMap(int p, int ec)
    {
        var pat = Pat;
        var map = new ulong[4];
        bool negate = false;
        if (pat[p + 1] == '^')
        {
            negate = true;
            p++;
        }
        while (++p < ec)
        {
            if (pat[p] == '%')
            {
                p++;
                var m = EscapeMap(pat[p]);
                for (int i = 0; i < 4; i++) map[i] |= m[i];
            }
            else if (p + 2 < ec && pat[p + 1] == '-')
            {
                for (int c = pat[p]; c <= pat[p + 2]; c++) map[c >> 6] |= 1UL << c;
                p += 2;
            }
            else map[pat[p] >> 6] |= 1UL << pat[p];
        }
        if (negate)
            for (int i = 0; i < 4; i++) map[i] = ~map[i];
        return map;
    }
}
