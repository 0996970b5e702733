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
    public static LuaPattern Rent(CallContext call, byte[] source, byte[] pattern)
    {
        var state = call.State;
        var m = state.SpareMatcher ?? new LuaPattern();
        state.SpareMatcher = null;
        m._call = call;
        m._src = source;
        // lua5.1's matcher reads the pattern as a C string: it ends at the first zero byte.
        int zero = Array.IndexOf(pattern, (byte)0);
        m._pat = zero < 0 ? pattern : pattern[..zero];
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
        state.SpareMatcher = this;
    }

    private LuaException Error(string message) => _call.Error(message);

    /// <summary>Tries to match at source position <paramref name="s"/> with pattern from <paramref name="p"/>; returns the end or -1.</summary>
    public int Match(int s, int p)
    {
        if (++_depth > MaxDepth) throw Error("pattern too complex");
        if (--_stepsUntilHook == 0)
        {
            // backtracking can take exponential time: let a count hook (an instruction budget) see it
            _stepsUntilHook = HookGranularity;
            Vm.Hooks.ChargeNativeWork(_call.Thread, HookGranularity);
        }
        // No try/finally for the depth: it would slow every step. After an error the count is
        // left high, which is harmless: Rent starts each use of the matcher at depth 0.
        int end = MatchHere(s, p);
        _depth--;
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
                    int ep = ClassEnd(p);
                    int previous = s == 0 ? 0 : src[s - 1];
                    int current = s < src.Length ? src[s] : 0;
                    if (!MatchClassSet(previous, p, ep - 1) && MatchClassSet(current, p, ep - 1))
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
            int ep2 = ClassEnd(p);
            bool m = s < src.Length && SingleMatch(src[s], p, ep2);
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
                        return MaxExpand(s, p, ep2);
                    case (byte)'+':
                        return m ? MaxExpand(s + 1, p, ep2) : -1;
                    case (byte)'-':
                        return MinExpand(s, p, ep2);
                }
            }
            if (!m) return -1;
            s++;
            p = ep2;
        }
    }

    private int ClassEnd(int p)
    {
        byte c = _pat[p++];
        if (c == '%')
        {
            if (p >= _pat.Length) throw Error("malformed pattern (ends with '%')");
            return p + 1;
        }
        if (c == '[')
        {
            if (p < _pat.Length && _pat[p] == '^') p++;
            do
            {
                // look for a ']'
                if (p >= _pat.Length) throw Error("malformed pattern (missing ']')");
                byte cc = _pat[p++];
                if (cc == '%')
                {
                    if (p >= _pat.Length) throw Error("malformed pattern (missing ']')");
                    p++;
                }
            } while (p >= _pat.Length || _pat[p] != ']');
            return p + 1;
        }
        return p;
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
    private static bool MatchClass(int c, int cl)
    {
        int letter = cl | 0x20;
        ushort bit = letter < 128 ? BitOfClassLetter[letter] : (ushort)0;
        if (bit == 0) return cl == c;
        bool res = (ClassesOfByte[c] & bit) != 0;
        return cl >= 'A' && cl <= 'Z' ? !res : res;
    }

    public static bool IsAlpha(int c) => (c | 0x20) >= 'a' && (c | 0x20) <= 'z';

    public static bool IsPunct(int c) => c > 32 && c < 127 && !IsAlpha(c) && !(c >= '0' && c <= '9');

    /// <summary>Does byte c belong to the set [...] between p (the '[') and ec (the ']')?</summary>
    private bool MatchClassSet(int c, int p, int ec)
    {
        bool sig = true;
        if (_pat[p + 1] == '^')
        {
            sig = false;
            p++;
        }
        while (++p < ec)
        {
            if (_pat[p] == '%')
            {
                p++;
                if (MatchClass(c, _pat[p])) return sig;
            }
            else if (p + 2 < ec && _pat[p + 1] == '-')
            {
                if (_pat[p] <= c && c <= _pat[p + 2]) return sig;
                p += 2;
            }
            else if (_pat[p] == c) return sig;
        }
        return !sig;
    }

    private bool SingleMatch(int c, int p, int ep)
    {
        switch (_pat[p])
        {
            case (byte)'.': return true;
            case (byte)'%': return MatchClass(c, _pat[p + 1]);
            case (byte)'[': return MatchClassSet(c, p, ep - 1);
            default: return _pat[p] == c;
        }
    }

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

    private int MaxExpand(int s, int p, int ep)
    {
        int i = 0;
        while (s + i < _src.Length && SingleMatch(_src[s + i], p, ep)) i++;
        // try with the longest run first, then shorter ones
        while (i >= 0)
        {
            int r = Match(s + i, ep + 1);
            if (r != -1) return r;
            i--;
        }
        return -1;
    }

    private int MinExpand(int s, int p, int ep)
    {
        while (true)
        {
            int r = Match(s, ep + 1);
            if (r != -1) return r;
            if (s < _src.Length && SingleMatch(_src[s], p, ep)) s++;
            else return -1;
        }
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
