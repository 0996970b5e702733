using System.Runtime.CompilerServices;
using LuaVm.Runtime;

namespace LuaVm.Library.String;

/// <summary>
/// Lua 5.1 pattern matching on bytes (the behaviour of lstrlib.c's match machinery): character
/// classes, sets, the four repetition operators, anchors, captures (position captures too),
/// back-references, %b and %f. Backtracking recursion is bounded by <see cref="MaxDepth"/> so
/// that no pattern can exhaust the .NET stack.
/// </summary>
internal sealed class LuaPattern
{
    public const int MaxCaptures = 32;
    private const int CapUnfinished = -1;
    private const int CapPosition = -2;
    /// <summary>Recursion bound of the matcher (lua5.1 relies on the C stack; we must not).</summary>
    private const int MaxDepth = 2000;

    private byte[] _src = [];
    private byte[] _pat = [];
    private CompiledPattern? _compiled;
    /// <summary>Where the trailing run of the tail class of a "X*$" tail starts in the source (-1: not computed for this use).</summary>
    private int _trailStart;
    private CallContext _call;
    public int Level;
    public readonly int[] CaptureStart = new int[MaxCaptures];
    public readonly int[] CaptureLength = new int[MaxCaptures];
    private int _depth;
    /// <summary>Matcher steps between two charges to the count hook.</summary>
    private const int HookGranularity = 1024;
    private int _stepsUntilHook = HookGranularity;

    private LuaPattern() { }

    /// <summary>
    /// A matcher for <paramref name="source"/> and <paramref name="pattern"/>; give it back with
    /// <see cref="Release"/>. Each Lua state keeps one spare matcher: string.find/match/gsub run
    /// often (several times per request in a server) and would otherwise allocate the matcher and
    /// its capture arrays every time. A nested use (a gsub callback that matches) gets a new one.
    /// </summary>
    public static LuaPattern Rent(CallContext call, byte[] source, LuaString pattern) =>
        Rent(call, source, CompiledPattern.Lookup(call.State, pattern));

    /// <summary><see cref="Rent(CallContext, byte[], LuaString)"/> with the pattern already looked up.</summary>
    public static LuaPattern Rent(CallContext call, byte[] source, CompiledPattern compiled)
    {
        var state = call.State;
        var m = state.SpareMatcher ?? new LuaPattern();
        state.SpareMatcher = null;
        m._call = call;
        m._src = source;
        m._compiled = compiled;
        m._pat = compiled.Pat; // up to the first zero byte: lua5.1's matcher reads a C string
        m._trailStart = -1;
        m.Level = 0;
        m._depth = 0;
        m._stepsUntilHook = HookGranularity;
        return m;
    }

    /// <summary>Returns the matcher for reuse (it keeps no reference to the strings).</summary>
    public void Release()
    {
        var state = _call.State;
        _call = default;
        _src = _pat = [];
        _compiled = null;
        state.SpareMatcher = this;
    }

    private LuaException Error(string message) => _call.ErrorLatin1(message);

    /// <summary>Tries to match at source position <paramref name="s"/> with pattern from <paramref name="p"/>; returns the end or -1.</summary>
    public int Match(int s, int p)
    {
        if (++_depth > MaxDepth) throw Error("pattern too complex");
        // backtracking can take exponential time: let a count hook (an instruction budget) see it
        if (--_stepsUntilHook <= 0) ChargeSteps();
        // No try/finally for the depth: it would slow every step. After an error the count is
        // left high, which is harmless: Rent starts each use of the matcher at depth 0.
        int end = MatchHere(s, p);
        _depth--;
        return end;
    }

    private void ChargeSteps()
    {
        int used = HookGranularity - _stepsUntilHook;
        _stepsUntilHook = HookGranularity;
        Vm.Hooks.ChargeNativeWork(_call.Thread, used);
    }

    /// <summary>Counts work done without a <see cref="Match"/> call per step (the tail fast paths) towards the hook.</summary>
    private void AddSteps(int steps)
    {
        _stepsUntilHook -= steps;
        if (_stepsUntilHook <= 0) ChargeSteps();
    }

    /// <summary>The end of the single-character class at p and the bytes it matches (compiled once per pattern).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ClassAt(int p, out ulong[] map)
    {
        var compiled = _compiled!;
        if (compiled.TryGetClass(p, out int end, out map)) return end;
        end = ClassEnd(p); // raises the malformed-pattern errors, when matching first reaches the class
        map = compiled.SetClass(p, end);
        return end;
    }

    private int MatchHere(int s, int p)
    {
        var pat = _pat;
        var src = _src;
        while (true)
        {
            if (p == pat.Length) return s;
            switch (pat[p])
            {
                case (byte)'(':
                    if (p + 1 < pat.Length && pat[p + 1] == ')') return StartCapture(s, p + 2, CapPosition);
                    return StartCapture(s, p + 1, CapUnfinished);
                case (byte)')':
                    return EndCapture(s, p + 1);
                case (byte)'$' when p + 1 == pat.Length:
                    return s == src.Length ? s : -1;
                case (byte)'%' when p + 1 < pat.Length && pat[p + 1] == 'b':
                    s = MatchBalance(s, p + 2);
                    if (s == -1) return -1;
                    p += 4;
                    continue;
                case (byte)'%' when p + 1 < pat.Length && pat[p + 1] == 'f':
                {
                    p += 2;
                    if (p >= pat.Length || pat[p] != '[') throw Error("missing '[' after '%f' in pattern");
                    int ep = ClassAt(p, out var set);
                    int previous = s == 0 ? 0 : src[s - 1];
                    int current = s < src.Length ? src[s] : 0;
                    if (!CompiledPattern.InMap(set, previous) && CompiledPattern.InMap(set, current))
                    {
                        p = ep;
                        continue;
                    }
                    return -1;
                }
                case (byte)'%' when p + 1 < pat.Length && pat[p + 1] >= '0' && pat[p + 1] <= '9':
                    s = MatchCapture(s, pat[p + 1]);
                    if (s == -1) return -1;
                    p += 2;
                    continue;
            }
            int ep2 = ClassAt(p, out var map);
            bool m = s < src.Length && CompiledPattern.InMap(map, src[s]);
            if (ep2 < pat.Length)
            {
                switch (pat[ep2])
                {
                    case (byte)'?':
                    {
                        if (m)
                        {
                            int r = Match(s + 1, ep2 + 1);
                            if (r != -1) return r;
                        }
                        p = ep2 + 1;
                        continue;
                    }
                    case (byte)'*':
                        return MaxExpand(s, map, ep2);
                    case (byte)'+':
                        return m ? MaxExpand(s + 1, map, ep2) : -1;
                    case (byte)'-':
                        return MinExpand(s, map, ep2);
                }
            }
            if (!m) return -1;
            s++;
            p = ep2;
        }
    }

    /// <summary><see cref="ClassEnd"/> without the errors: -1 for a malformed class.</summary>
    private int TryClassEnd(int p) => CompiledPattern.TryClassEnd(_pat, p);

    /// <summary>Where the single-character class at p ends; a malformed one raises lua5.1's error.</summary>
    private int ClassEnd(int p)
    {
        int end = TryClassEnd(p);
        if (end < 0) throw Error(_pat[p] == '%' ? "malformed pattern (ends with '%')" : "malformed pattern (missing ']')");
        return end;
    }

    // Character classes as bits, one table entry per byte, so that MatchClass is two lookups
    // instead of a switch and range tests (matching is a server's hot path: every header line).
    private const ushort ClassAlpha = 1, ClassControl = 2, ClassDigit = 4, ClassLower = 8, ClassPunct = 16,
        ClassSpace = 32, ClassUpper = 64, ClassWord = 128, ClassHex = 256, ClassZero = 512;

    private static readonly ushort[] ClassesOfByte = BuildClassesOfByte();

    /// <summary>For a class letter (lower case, as ASCII): its bit in <see cref="ClassesOfByte"/>, 0 when it is no class.</summary>
    private static readonly ushort[] BitOfClassLetter = BuildBitOfClassLetter();

    private static ushort[] BuildClassesOfByte()
    {
        var t = new ushort[256];
        for (int c = 0; c < 256; c++)
        {
            bool alpha = IsAlpha(c), digit = c >= '0' && c <= '9';
            if (alpha) t[c] |= ClassAlpha;
            if (c < 32 || c == 127) t[c] |= ClassControl;
            if (digit) t[c] |= ClassDigit;
            if (c >= 'a' && c <= 'z') t[c] |= ClassLower;
            if (IsPunct(c)) t[c] |= ClassPunct;
            if (c == ' ' || (c >= '\t' && c <= '\r')) t[c] |= ClassSpace;
            if (c >= 'A' && c <= 'Z') t[c] |= ClassUpper;
            if (alpha || digit) t[c] |= ClassWord;
            if (digit || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')) t[c] |= ClassHex;
            if (c == 0) t[c] |= ClassZero;
        }
        return t;
    }

    private static ushort[] BuildBitOfClassLetter()
    {
        var t = new ushort[128];
        t['a'] = ClassAlpha; t['c'] = ClassControl; t['d'] = ClassDigit; t['l'] = ClassLower; t['p'] = ClassPunct;
        t['s'] = ClassSpace; t['u'] = ClassUpper; t['w'] = ClassWord; t['x'] = ClassHex; t['z'] = ClassZero;
        return t;
    }

    /// <summary>Does byte c match %cl (a class letter; upper case negates it; any other byte stands for itself)?</summary>
    internal static bool MatchClass(int c, int cl)
    {
        int letter = cl | 0x20;
        ushort bit = letter < 128 ? BitOfClassLetter[letter] : (ushort)0;
        if (bit == 0) return cl == c;
        bool res = (ClassesOfByte[c] & bit) != 0;
        return cl >= 'A' && cl <= 'Z' ? !res : res;
    }

    public static bool IsAlpha(int c) => (c | 0x20) >= 'a' && (c | 0x20) <= 'z';

    public static bool IsPunct(int c) => c > 32 && c < 127 && !IsAlpha(c) && !(c >= '0' && c <= '9');

    private int MatchBalance(int s, int p)
    {
        if (p + 1 >= _pat.Length) throw Error("unbalanced pattern");
        if (s >= _src.Length || _src[s] != _pat[p]) return -1;
        byte open = _pat[p], close = _pat[p + 1];
        int cont = 1;
        while (++s < _src.Length)
        {
            if (_src[s] == close)
            {
                if (--cont == 0) return s + 1;
            }
            else if (_src[s] == open) cont++;
        }
        return -1;
    }

    private int MaxExpand(int s, ulong[] map, int ep)
    {
        var src = _src;
        int i = 0;
        while (s + i < src.Length && CompiledPattern.InMap(map, src[s + i])) i++;
        int q = ep + 1;
        sbyte tail = TailAt(q);
        if (tail != CompiledPattern.TailNone && _depth + TailDepth <= MaxDepth) return MaxExpandTail(s + i, i, q, tail);
        // try with the longest run first, then shorter ones
        while (i >= 0)
        {
            int r = Match(s + i, q);
            if (r != -1) return r;
            i--;
        }
        return -1;
    }

    private int MinExpand(int s, ulong[] map, int ep)
    {
        var src = _src;
        int q = ep + 1;
        sbyte tail = TailAt(q);
        if (tail != CompiledPattern.TailNone && _depth + TailDepth <= MaxDepth) return MinExpandTail(s, map, q, tail);
        while (true)
        {
            int r = Match(s, q);
            if (r != -1) return r;
            if (s < src.Length && CompiledPattern.InMap(map, src[s])) s++;
            else return -1;
        }
    }

    // ---- tails resolved without backtracking ----
    // After a repetition, the rest of the pattern is often "$" or "%s*$", possibly after the ")"
    // of the repeated capture: "^([^:]+):%s*(.-)%s*$" for a header line. The generic min-expansion
    // would retry that rest at every byte (three nested matcher calls each); which end position
    // succeeds is known directly: the source end for "$", the start of the source's trailing run
    // of X for "X*$". The fast paths give the same result, the same capture and the same errors
    // as the generic ones (they run only where the generic code could not reach the depth limit).

    /// <summary>The deepest the generic code goes below a repetition to resolve a tail: its Match, the ")"'s Match, the "X*"'s Match.</summary>
    private const int TailDepth = 3;

    private sbyte TailAt(int q)
    {
        var compiled = _compiled!;
        sbyte kind = compiled.GetTail(q);
        if (kind == CompiledPattern.TailUnknown)
        {
            kind = AnalyzeTail(q);
            compiled.SetTail(q, kind);
        }
        return kind;
    }

    /// <summary>Is the pattern from q a tail: [")"] then "$" or "X*$" where X is a single-character class?</summary>
    private sbyte AnalyzeTail(int q)
    {
        var pat = _pat;
        sbyte close = 0;
        if (q < pat.Length && pat[q] == ')')
        {
            close = CompiledPattern.TailClose;
            q++;
        }
        if (q == pat.Length - 1 && pat[q] == '$') return (sbyte)(CompiledPattern.TailEnd | close);
        if (q >= pat.Length || pat[q] == '(' || pat[q] == ')') return CompiledPattern.TailNone;
        if (pat[q] == '%' && q + 1 < pat.Length && (pat[q + 1] == 'b' || pat[q + 1] == 'f' || (pat[q + 1] >= '0' && pat[q + 1] <= '9')))
            return CompiledPattern.TailNone;
        int e = TryClassEnd(q);
        if (e < 0 || e + 2 != pat.Length || pat[e] != '*' || pat[e + 1] != '$') return CompiledPattern.TailNone;
        return (sbyte)(CompiledPattern.TailClassStarEnd | close);
    }

    /// <summary>The source position from which the tail matches: the end for "$", the start of the trailing run of X for "X*$".</summary>
    private int TailStart(int q, sbyte tail)
    {
        int len = _src.Length;
        if ((tail & CompiledPattern.TailKindMask) == CompiledPattern.TailEnd) return len;
        if (_trailStart >= 0) return _trailStart; // one "X*$" per pattern: computed once per use of the matcher
        int classAt = (tail & CompiledPattern.TailClose) != 0 ? q + 1 : q;
        ClassAt(classAt, out var map);
        var src = _src;
        int t = len;
        while (t > 0 && CompiledPattern.InMap(map, src[t - 1])) t--;
        AddSteps(len - t);
        return _trailStart = t;
    }

    /// <summary>The generic MaxExpand's answer for a tail: it tries the longest run first, which is the only one that can succeed.</summary>
    private int MaxExpandTail(int x, int run, int q, sbyte tail)
    {
        // the generic code's first try closes the capture, or raises "invalid pattern capture"
        int l = (tail & CompiledPattern.TailClose) != 0 ? CaptureToClose() : -1;
        AddSteps(run + 1);
        if (x < TailStart(q, tail)) return -1;
        if (l >= 0) CaptureLength[l] = x - CaptureStart[l];
        return _src.Length;
    }

    /// <summary>The generic MinExpand's answer for a tail: the first position from s where the tail matches, if the repeated class covers the bytes up to it.</summary>
    private int MinExpandTail(int s, ulong[] map, int q, sbyte tail)
    {
        int l = (tail & CompiledPattern.TailClose) != 0 ? CaptureToClose() : -1;
        int target = Math.Max(s, TailStart(q, tail));
        var src = _src;
        for (int k = s; k < target; k++)
        {
            if (!CompiledPattern.InMap(map, src[k]))
            {
                AddSteps(k - s + 1);
                return -1;
            }
        }
        AddSteps(target - s + 1);
        if (l >= 0) CaptureLength[l] = target - CaptureStart[l];
        return src.Length;
    }

    /// <summary>
    /// For an unanchored search: the bytes a match can start with, when the pattern starts with a
    /// single-character class that must match once (no '*', '?' or '-' after it); null otherwise.
    /// Positions whose byte is not in it fail at the first step, so the search can skip them.
    /// </summary>
    public ulong[]? FirstByteFilter(int p)
    {
        var pat = _pat;
        if (p >= pat.Length || pat[p] == '(' || pat[p] == ')' || (pat[p] == '$' && p + 1 == pat.Length)) return null;
        if (pat[p] == '%' && p + 1 < pat.Length && (pat[p + 1] == 'b' || pat[p + 1] == 'f' || (pat[p + 1] >= '0' && pat[p + 1] <= '9')))
            return null;
        int e = TryClassEnd(p);
        if (e < 0 || (e < pat.Length && (pat[e] == '*' || pat[e] == '?' || pat[e] == '-'))) return null;
        ClassAt(p, out var map);
        return map;
    }

    /// <summary>The first position from s whose byte is in <paramref name="filter"/> (the source length when none is).</summary>
    public int NextCandidate(int s, ulong[] filter)
    {
        var src = _src;
        int start = s;
        while (s < src.Length && !CompiledPattern.InMap(filter, src[s])) s++;
        AddSteps(s - start);
        return s;
    }

    private int StartCapture(int s, int p, int what)
    {
        if (Level >= MaxCaptures) throw Error("too many captures");
        CaptureStart[Level] = s;
        CaptureLength[Level] = what;
        Level++;
        int r = Match(s, p);
        if (r == -1) Level--;
        return r;
    }

    private int EndCapture(int s, int p)
    {
        int l = CaptureToClose();
        CaptureLength[l] = s - CaptureStart[l];
        int r = Match(s, p);
        if (r == -1) CaptureLength[l] = CapUnfinished;
        return r;
    }

    private int CaptureToClose()
    {
        int level = Level;
        for (level--; level >= 0; level--)
            if (CaptureLength[level] == CapUnfinished) return level;
        throw Error("invalid pattern capture");
    }

    private int CheckCapture(int l)
    {
        l -= '1';
        if (l < 0 || l >= Level || CaptureLength[l] == CapUnfinished) throw Error("invalid capture index");
        return l;
    }

    private int MatchCapture(int s, int l)
    {
        l = CheckCapture(l);
        int len = CaptureLength[l];
        // a position capture's length is CapPosition: lua5.1 compares it as a size_t (huge), so
        // a back-reference to it never matches
        if (len >= 0 && _src.Length - s >= len && _src.AsSpan(CaptureStart[l], len).SequenceEqual(_src.AsSpan(s, len))) return s + len;
        return -1;
    }

    /// <summary>Capture i as a Lua value (the whole match when there are no captures and i is 0).</summary>
    public LuaValue GetCapture(int i, int s, int e)
    {
        if (i >= Level)
        {
            if (i == 0) return LuaString.FromBytes(_src.AsSpan(s, e - s));
            throw Error("invalid capture index");
        }
        int l = CaptureLength[i];
        if (l == CapUnfinished) throw Error("unfinished capture");
        if (l == CapPosition) return CaptureStart[i] + 1;
        return LuaString.FromBytes(_src.AsSpan(CaptureStart[i], l));
    }

    /// <summary>Pushes the captures (or the whole match) as results; returns their number.</summary>
    public int PushCaptures(int s, int e, bool wholeIfNone = true)
    {
        int n = Level == 0 && wholeIfNone ? 1 : Level;
        _call.Thread.EnsureStack(n);
        for (int i = 0; i < n; i++) _call.Push(GetCapture(i, s, e));
        return n;
    }
}
