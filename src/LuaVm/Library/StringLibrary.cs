using LuaVm.Library.String;
using LuaVm.Runtime;

namespace LuaVm.Library;

/// <summary>The string library of Lua 5.1 (lstrlib.c), on byte strings.</summary>
public static class StringLibrary
{
    /// <summary>Largest string string.rep and friends will build (then "not enough memory").</summary>
    private const long MaxStringLength = int.MaxValue / 2;

    /// <summary>Opens the library into the state and sets the string metatable (__index = string).</summary>
    public static void Open(LuaState state)
    {
        var lib = StandardLibraries.Register(state, "string",
            ("len", Len), ("sub", Sub), ("upper", Upper), ("lower", Lower), ("rep", Rep),
            ("reverse", Reverse), ("byte", Byte), ("char", Char), ("format", Format),
            ("find", Find), ("match", Match), ("gmatch", GMatch), ("gsub", GSub), ("dump", Dump));
        lib.Set("gfind", lib.Get("gmatch"));
        ((NativeFunction)lib.Get("sub").Obj!).Fast = SubFast;
        ((NativeFunction)lib.Get("byte").Obj!).Fast = ByteFast;
        ((NativeFunction)lib.Get("find").Obj!).Fast = FindPlainFast;
        var meta = new LuaTable();
        meta.Set("__index", lib);
        state.StringMetatable = meta;
    }

    // lstrlib.c's posrelat: negative positions count from the end, and what is still negative becomes 0
    private static long RelativePosition(long pos, int length) => pos < 0 ? Math.Max(0, length + pos + 1) : pos;

    private static int Len(CallContext call) => call.Return(call.CheckString(1).Length);

    private static int Sub(CallContext call)
    {
        var s = call.CheckString(1);
        return call.Return(Substring(s, call.CheckInteger(2), call.OptInteger(3, -1)));
    }

    private static LuaString Substring(LuaString s, long i, long j)
    {
        int l = s.Length;
        long start = RelativePosition(i, l);
        long end = RelativePosition(j, l);
        if (start < 1) start = 1;
        if (end > l) end = l;
        if (start > end) return LuaString.Empty;
        return LuaString.FromBytes(s.Span.Slice((int)start - 1, (int)(end - start + 1)));
    }

    /// <summary>s:sub(i) and s:sub(i, j) of a string and numbers, for compiled code (<see cref="FastCall"/>).</summary>
    private static int SubFast(LuaValue[] stack, int func, int n)
    {
        if (n is < 2 or > 3 || stack[func + 1].Obj is not LuaString s || !stack[func + 2].IsNumber) return -1;
        long j = -1;
        if (n == 3)
        {
            if (!stack[func + 3].IsNumber) return -1;
            j = CallContext.ToInteger(stack[func + 3].Num);
        }
        stack[func] = Substring(s, CallContext.ToInteger(stack[func + 2].Num), j);
        return 1;
    }

    /// <summary>s:byte() and s:byte(i) of a string and a number, for compiled code (<see cref="FastCall"/>): none or one byte.</summary>
    private static int ByteFast(LuaValue[] stack, int func, int n)
    {
        if (n is < 1 or > 2 || stack[func + 1].Obj is not LuaString s) return -1;
        long i = 1;
        if (n == 2)
        {
            if (!stack[func + 2].IsNumber) return -1;
            i = CallContext.ToInteger(stack[func + 2].Num);
        }
        var (posi, pose) = ByteRange(s, i, i);
        if (posi > pose) return 0;
        stack[func] = s.Bytes[posi - 1];
        return 1;
    }

    /// <summary>string.byte's positions i..j of <paramref name="s"/>, made relative and clamped (empty when first &gt; last).</summary>
    private static (long First, long Last) ByteRange(LuaString s, long i, long j)
    {
        long posi = RelativePosition(i, s.Length);
        long pose = RelativePosition(j, s.Length);
        return (Math.Max(posi, 1), Math.Min(pose, s.Length));
    }

    private static int Upper(CallContext call) => call.Return(MapCase(call.CheckString(1), 'a', UpperOfByte));

    private static int Lower(CallContext call) => call.Return(MapCase(call.CheckString(1), 'A', LowerOfByte));

    // Byte tables of toupper/tolower in the "C" locale (lua5.1 maps byte by byte; bytes 128-255 stay).
    private static readonly byte[] UpperOfByte = BuildCaseTable('a', -32), LowerOfByte = BuildCaseTable('A', 32);

    private static byte[] BuildCaseTable(char first, int delta)
    {
        var t = new byte[256];
        for (int c = 0; c < 256; c++) t[c] = (byte)(c >= first && c < first + 26 ? c + delta : c);
        return t;
    }

    /// <summary>
    /// string.upper/lower: one pass through a byte table into the result's own array (header
    /// names are lowered on every request). A string with nothing to change is returned as it is:
    /// strings are immutable and compared by content, so no program can tell it from a copy.
    /// </summary>
    private static LuaString MapCase(LuaString s, char first, byte[] table)
    {
        var src = s.Bytes;
        int i = 0;
        while (i < src.Length && (uint)(src[i] - first) >= 26) i++;
        if (i == src.Length) return s;
        var b = new byte[src.Length];
        src.AsSpan(0, i).CopyTo(b);
        for (; i < b.Length; i++) b[i] = table[src[i]];
        return new LuaString(b);
    }

    private static int Rep(CallContext call)
    {
        var s = call.CheckString(1);
        long n = call.CheckInt(2); // luaL_checkint: 2^32 + 1 is 1
        if (n <= 0 || s.Length == 0) return call.Return(LuaString.Empty);
        if (n > MaxStringLength / s.Length) throw call.Error("not enough memory");
        call.State.Gc.EnsureRoom(s.Length * n);
        var b = new byte[s.Length * n];
        // doubling copies: a few large block copies instead of n small ones (string.rep("x", 1e9))
        s.Bytes.CopyTo(b, 0);
        for (long done = s.Length; done < b.Length; done *= 2)
            Array.Copy(b, 0, b, done, Math.Min(done, b.Length - done));
        return call.Return(new LuaString(b));
    }

    private static int Reverse(CallContext call)
    {
        var b = call.CheckString(1).Bytes.ToArray();
        Array.Reverse(b);
        return call.Return(new LuaString(b));
    }

    private static int Byte(CallContext call)
    {
        var s = call.CheckString(1);
        long start = call.OptInteger(2, 1);
        var (posi, pose) = ByteRange(s, start, call.OptInteger(3, RelativePosition(start, s.Length)));
        if (posi > pose) return 0;
        int n = (int)(pose - posi + 1);
        if (posi + n <= pose) throw call.Error("string slice too long");
        call.Thread.EnsureStack(n);
        for (int i = 0; i < n; i++) call.Push(s.Bytes[posi + i - 1]);
        return n;
    }

    private static int Char(CallContext call)
    {
        Span<byte> b = call.ArgCount <= 256 ? stackalloc byte[call.ArgCount] : new byte[call.ArgCount];
        for (int i = 1; i <= call.ArgCount; i++)
        {
            int c = call.CheckInt(i); // luaL_checkint: C's int, so -2^53 is 0
            if ((uint)c > 255) throw call.ArgError(i, "invalid value");
            b[i - 1] = (byte)c;
        }
        return call.Return(LuaString.FromBytes(b));
    }

    private static int Format(CallContext call) => call.Return(StringFormat.Format(call));

    private static int Dump(CallContext call)
    {
        if (call.CheckFunction(1) is not LuaClosure closure) throw call.Error("unable to dump given function");
        return call.Return(new LuaString(Bytecode.BinaryChunk.Dump(closure.Proto)));
    }

    // ---- pattern matching ----

    /// <summary>The pattern specials, and the zero byte where lua5.1's strpbrk stops reading (the C string's end).</summary>
    private static readonly System.Buffers.SearchValues<byte> SpecialsOrZero = System.Buffers.SearchValues.Create("^$*+?.([%-\0"u8);

    private static bool HasSpecials(byte[] p)
    {
        int i = p.AsSpan().IndexOfAny(SpecialsOrZero);
        return i >= 0 && p[i] != 0;
    }

    private static int Find(CallContext call) => FindAux(call, find: true);

    private static int Match(CallContext call) => FindAux(call, find: false);

    /// <summary>lstrlib.c's start of a search: position <paramref name="init"/> made relative, then 0-based and within the subject.</summary>
    private static int SearchStart(long init, int length) => (int)Math.Clamp(RelativePosition(init, length) - 1, 0, length);

    /// <summary>A plain find: the 0-based index of <paramref name="p"/> in <paramref name="s"/> from <paramref name="start"/>, or -1.</summary>
    private static int FindPlain(byte[] s, int start, byte[] p)
    {
        int index = s.AsSpan(start).IndexOf(p);
        return index < 0 ? -1 : start + index;
    }

    /// <summary>
    /// s:find(p [, init [, plain]]) for compiled code (<see cref="FastCall"/>) when it is a plain
    /// search: two strings, a number or nothing for init, and plain true or a pattern without
    /// specials. Anything else (a number to convert, a pattern to match) is the ordinary call's.
    /// </summary>
    private static int FindPlainFast(LuaValue[] stack, int func, int n)
    {
        if (n is < 2 or > 4 || stack[func + 1].Obj is not LuaString subject || stack[func + 2].Obj is not LuaString pattern) return -1;
        long init = 1;
        if (n >= 3 && !stack[func + 3].IsNil)
        {
            if (!stack[func + 3].IsNumber) return -1;
            init = CallContext.ToInteger(stack[func + 3].Num);
        }
        var p = pattern.Bytes;
        if (!(n == 4 && stack[func + 4].IsTruthy) && HasSpecials(p)) return -1;
        int at = FindPlain(subject.Bytes, SearchStart(init, subject.Length), p);
        if (at < 0)
        {
            stack[func] = default;
            return 1;
        }
        LuaValue.StoreNumber(ref stack[func], at + 1);
        LuaValue.StoreNumber(ref stack[func + 1], at + p.Length);
        return 2;
    }

    private static int FindAux(CallContext call, bool find)
    {
        var s = call.CheckString(1).Bytes;
        var pattern = call.CheckString(2);
        var p = pattern.Bytes;
        long init = SearchStart(call.OptInteger(3, 1), s.Length);
        if (find && (call[4].IsTruthy || !HasSpecials(p)))
        {
            int at = FindPlain(s, (int)init, p);
            if (at < 0) return call.Return(LuaValue.Nil);
            return call.Return(at + 1, at + p.Length);
        }
        var compiled = CompiledPattern.Lookup(call.State, pattern);
        if (compiled.IsSingleClass(out var map, out bool anchored, out byte repeat))
            return FindSingleClass(call, s, (int)init, map, anchored, repeat, find);
        var m = LuaPattern.Rent(call, s, compiled);
        try
        {
            bool anchor = p.Length > 0 && p[0] == '^';
            int pstart = anchor ? 1 : 0;
            int si = (int)init;
            var filter = anchor ? null : m.FirstByteFilter(pstart);
            do
            {
                if (filter != null) si = m.NextCandidate(si, filter);
                m.Level = 0;
                int e = m.Match(si, pstart);
                if (e != -1)
                {
                    if (find)
                    {
                        call.Push(si + 1);
                        call.Push(e);
                        return m.PushCaptures(-1, -1, wholeIfNone: false) + 2;
                    }
                    return m.PushCaptures(si, e);
                }
            } while (si++ < s.Length && !anchor);
        }
        finally
        {
            m.Release();
        }
        return call.Return(LuaValue.Nil);
    }

    /// <summary>
    /// find and match with a pattern that is one class, maybe repeated and anchored
    /// ("[^ \t\r\n]", "%s+", "^%d*": <see cref="CompiledPattern.IsSingleClass"/>): the run
    /// <see cref="NextRun"/> finds from <paramref name="init"/>, with the results the matcher
    /// gives for it. A long scan counts towards the count hook as the matcher's steps do.
    /// </summary>
    private static int FindSingleClass(CallContext call, byte[] s, int init, ulong[] map, bool anchored, byte repeat, bool find)
    {
        bool found = NextRun(s, init, map, anchored, repeat, out int start, out int end);
        if (end - init >= 1024) Vm.Hooks.ChargeNativeWork(call.Thread, end - init);
        if (!found) return call.Return(LuaValue.Nil);
        if (find) return call.Return(start + 1, end);
        return call.Return(LuaString.FromBytes(s.AsSpan(start, end - start)));
    }

    /// <summary>
    /// The first match from <paramref name="from"/> of a pattern that is one class (in
    /// <paramref name="map"/>) with <paramref name="repeat"/> ('+', '*' or 0 for none), at
    /// <paramref name="from"/> alone when anchored: [start, end). An X* matches at from, an empty
    /// match included. False when there is none, start and end then being where the scan stopped.
    /// </summary>
    private static bool NextRun(byte[] s, int from, ulong[] map, bool anchored, byte repeat, out int start, out int end)
    {
        start = from;
        if (!anchored && repeat != '*')
            while (start < s.Length && !CompiledPattern.InMap(map, s[start])) start++;
        end = start;
        if (repeat == 0)
        {
            if (end < s.Length && CompiledPattern.InMap(map, s[end])) end++;
        }
        else
            while (end < s.Length && CompiledPattern.InMap(map, s[end])) end++;
        return end > start || repeat == '*';
    }

    private static int GMatch(CallContext call)
    {
        var s = call.CheckString(1).Bytes;
        var p = call.CheckString(2);
        int position = 0;
        ulong[]? filter = null;
        bool filterKnown = false; // the filter depends on the pattern only: found at the first call
        return call.Return(call.State.CreateFunction("gmatch_iterator", inner =>
        {
            var m = LuaPattern.Rent(inner, s, p);
            try
            {
                if (!filterKnown)
                {
                    filter = m.FirstByteFilter(0);
                    filterKnown = true;
                }
                for (int src = position; src <= s.Length; src++)
                {
                    if (filter != null) src = m.NextCandidate(src, filter);
                    m.Level = 0;
                    int e = m.Match(src, 0);
                    if (e != -1)
                    {
                        position = e == src ? e + 1 : e; // an empty match advances by one
                        return m.PushCaptures(src, e);
                    }
                }
            }
            finally
            {
                m.Release();
            }
            position = s.Length + 1;
            return 0;
        }));
    }

    private static int GSub(CallContext call)
    {
        var subject = call.CheckString(1);
        var src = subject.Bytes;
        var pattern = call.CheckString(2);
        var p = pattern.Bytes;
        var repl = call[3];
        long maxN = call.OptInt(4, src.Length + 1); // lstrlib.c reads the count before it checks the replacement
        if (!(repl.IsNumber || repl.IsString || repl.IsTable || repl.IsFunction))
            throw call.ArgError(3, "string/function/table expected");
        bool anchor = p.Length > 0 && p[0] == '^';
        int pstart = anchor ? 1 : 0;
        var output = ByteBuffer.Take(src.Length);
        int s = 0, n = 0;
        int copied = 0; // src[copied..s) is text between matches, not yet in the output
        var compiled = CompiledPattern.Lookup(call.State, pattern);
        var m = LuaPattern.Rent(call, src, compiled);
        try
        {
            if (compiled.IsSingleClass(out var map, out _, out byte repeat) && repeat != '*')
                n = GSubSingleClass(call, m, output, src, map, repeat, anchor, maxN, repl, ref copied);
            else while (n < maxN)
            {
                m.Level = 0;
                int e = m.Match(s, pstart);
                if (e != -1)
                {
                    n++;
                    output.Add(src.AsSpan(copied, s - copied));
                    AddValue(call, m, output, src, s, e, repl);
                    copied = e;
                }
                if (e != -1 && e > s) s = e;
                else if (s < src.Length) s++;
                else break;
                if (anchor) break;
            }
        }
        finally
        {
            m.Release();
        }
        // nothing replaced: the subject itself (strings are values; an equal copy would be garbage)
        if (n == 0)
        {
            output.Release();
            return call.Return(subject, 0);
        }
        output.Add(src.AsSpan(copied));
        return call.Return(output.ToLuaStringAndRelease(), n);
    }

    /// <summary>
    /// gsub's loop for a pattern that is one class, alone or with '+' (<see cref="CompiledPattern.IsSingleClass"/>):
    /// each match is found by a scan to the next byte of the class instead of a matcher call at
    /// every position, with the same replacements (no captures: %1 is the whole match) and the
    /// same count. A long scan counts towards the count hook as the matcher's steps do. Returns
    /// the number of matches; <paramref name="copied"/> is where the text after the last one starts.
    /// </summary>
    private static int GSubSingleClass(CallContext call, LuaPattern m, ByteBuffer output, byte[] src, ulong[] map, byte repeat, bool anchor, long maxN, LuaValue repl, ref int copied)
    {
        int s = 0, n = 0, scanned = 0;
        m.Level = 0;
        while (n < maxN)
        {
            bool found = NextRun(src, s, map, anchor, repeat, out int start, out int e);
            if ((scanned += e - s) >= 1024)
            {
                Vm.Hooks.ChargeNativeWork(call.Thread, scanned);
                scanned = 0;
            }
            if (!found) break;
            n++;
            output.Add(src.AsSpan(copied, start - copied));
            AddValue(call, m, output, src, start, e, repl);
            copied = s = e;
            if (anchor) break;
        }
        return n;
    }

    private static void AddValue(CallContext call, LuaPattern m, ByteBuffer output, byte[] src, int s, int e, LuaValue repl)
    {
        LuaValue value;
        if (repl.IsString || repl.IsNumber)
        {
            var r = repl.ToLuaStringCoerced()!.Bytes;
            for (int i = 0; i < r.Length; i++)
            {
                if (r[i] != '%')
                {
                    output.Add(r[i]);
                    continue;
                }
                i++;
                if (i >= r.Length)
                {
                    output.Add(0); // lua5.1 copies the C string's terminating zero after a final '%'
                    break;
                }
                if (r[i] < '0' || r[i] > '9')
                {
                    output.Add(r[i]);
                    continue;
                }
                var cap = r[i] == '0' ? LuaString.FromBytes(src.AsSpan(s, e - s)) : m.GetCapture(r[i] - '1', s, e);
                output.Add(cap.ToLuaStringCoerced()!.Bytes);
            }
            return;
        }
        var first = m.GetCapture(0, s, e);
        if (repl.Obj is LuaTable t) value = Vm.Metamethods.Index(call.Thread, t, first, -1);
        else if (m.Level <= 1) value = Vm.Interpreter.CallWithArguments(call.Thread, repl, first, LuaValue.Nil, 1);
        else
        {
            var args = new LuaValue[Math.Max(m.Level, 1)];
            for (int i = 0; i < args.Length; i++) args[i] = m.GetCapture(i, s, e);
            var results = call.State.Call(repl, args);
            value = results.Length > 0 ? results[0] : LuaValue.Nil;
        }
        if (value.IsFalsy)
        {
            output.Add(src.AsSpan(s, e - s));
            return;
        }
        var str = value.ToLuaStringCoerced() ?? throw call.Error($"invalid replacement value (a {value.TypeName()})");
        output.Add(str.Bytes);
    }
}
