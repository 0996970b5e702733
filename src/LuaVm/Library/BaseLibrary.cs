using LuaVm.Runtime;
using LuaVm.Vm;

namespace LuaVm.Library;

/// <summary>The base library of Lua 5.1 (lbaselib.c): print, type, pcall, setmetatable, ...</summary>
public static class BaseLibrary
{
    /// <summary>Most values unpack may return (lua5.1's LUAI_MAXCSTACK).</summary>
    private const int MaxUnpack = 8000;

    /// <summary>Opens the library into the state.</summary>
    public static void Open(LuaState state)
    {
        var g = state.Globals;
        g.Set("_G", g);
        g.Set("_VERSION", "Lua 5.1");
        (string, LuaNativeFunction)[] functions =
        [
            ("print", Print), ("type", Type), ("tostring", ToString), ("tonumber", ToNumber),
            ("rawget", RawGet), ("rawset", RawSet), ("rawequal", RawEqual),
            ("setmetatable", SetMetatable), ("getmetatable", GetMetatable),
            ("assert", Assert), ("error", Error), ("next", Next), ("select", Select),
            ("unpack", Unpack), ("loadstring", LoadString), ("load", Load), ("loadfile", LoadFile),
            ("dofile", DoFile), ("getfenv", GetFenv), ("setfenv", SetFenv), ("newproxy", NewProxy),
            ("collectgarbage", CollectGarbage), ("gcinfo", GcInfo), ("pcall", PCall), ("xpcall", XPCall),
        ];
        foreach (var (name, fn) in functions) g.Set(name, state.CreateFunction(name, fn));
        ((NativeFunction)g.Get("pcall").Obj!).Kind = NativeKind.PCall;
        ((NativeFunction)g.Get("xpcall").Obj!).Kind = NativeKind.XPCall;
        ((NativeFunction)g.Get("type").Obj!).Fast = TypeFast;
        ((NativeFunction)g.Get("tonumber").Obj!).Fast = ToNumberFast;
        ((NativeFunction)g.Get("setmetatable").Obj!).Fast = SetMetatableFast;
        ((NativeFunction)g.Get("select").Obj!).Fast = SelectFast;
        var next = g.Get("next");
        ((NativeFunction)next.Obj!).Fast = NextFast;
        g.Set("pairs", state.CreateFunction("pairs", call => call.Return(next, call.CheckTable(1), LuaValue.Nil)));
        var ipairsIterator = state.CreateFunction("ipairs_iterator", IPairsStep);
        ipairsIterator.Fast = IPairsStepFast;
        g.Set("ipairs", state.CreateFunction("ipairs", call => call.Return(ipairsIterator, call.CheckTable(1), 0)));
    }

    private static readonly LuaString TostringName = LuaString.FromLatin1("tostring");

    private static int Print(CallContext call)
    {
        var state = call.State;
        var output = state.StdOut;
        // lua_getglobal: the running thread's globals, __index included
        var tostring = Metamethods.Index(call.Thread, call.Thread.Globals, TostringName, -1);
        // the built-in tostring is applied directly, unless a hook must see its call
        bool builtin = tostring.Obj is NativeFunction nf && nf.Invoke == ToString && call.Thread.HookMask == 0;
        for (int i = 1; i <= call.ArgCount; i++)
        {
            LuaString s;
            if (builtin)
                s = state.ToStringValue(call[i]).ToLuaStringCoerced() ?? throw call.Error("'tostring' must return a string to 'print'");
            else
            {
                var r = state.Call(tostring, call[i]);
                s = r.Length > 0 ? r[0].Obj as LuaString ?? throw call.Error("'tostring' must return a string to 'print'")
                    : throw call.Error("'tostring' must return a string to 'print'");
            }
            if (i > 1) output.WriteByte((byte)'\t');
            // lua5.1 prints with fputs, which stops at the first zero byte
            int nul = Array.IndexOf(s.Bytes, (byte)0);
            output.Write(s.Bytes, 0, nul < 0 ? s.Length : nul);
        }
        output.WriteByte((byte)'\n');
        state.StdOutFile?.AfterWrite(output, newline: true); // io.stdout:setvbuf("line" or "no")
        return 0;
    }

    private static int Type(CallContext call)
    {
        return call.Return(NameOfType(call.CheckAny(1).Type));
    }

    // one shared string per type: no allocation, and `type(v) == "table"` compares references
    private static LuaString NameOfType(LuaType type) => TypeNames[(int)type] ??= LuaString.Shared(LuaValue.TypeName(type));

    private static readonly LuaString?[] TypeNames = new LuaString?[(int)LuaType.Thread + 1];

    /// <summary>type(v) for compiled code (<see cref="FastCall"/>).</summary>
    private static int TypeFast(LuaValue[] stack, int func, int n)
    {
        if (n != 1) return -1;
        stack[func] = NameOfType(stack[func + 1].Type);
        return 1;
    }

    /// <summary>tonumber(v) in base 10 for compiled code (<see cref="FastCall"/>).</summary>
    private static int ToNumberFast(LuaValue[] stack, int func, int n)
    {
        if (n != 1) return -1;
        stack[func] = stack[func + 1].TryToNumber(out double d) ? d : LuaValue.Nil;
        return 1;
    }

    private static int ToString(CallContext call) => call.Return(call.State.ToStringValue(call.CheckAny(1)));

    private static int ToNumber(CallContext call)
    {
        int numberBase = call.OptInt(2, 10);
        if (numberBase == 10)
        {
            var v = call.CheckAny(1);
            return call.Return(v.TryToNumber(out double d) ? d : LuaValue.Nil);
        }
        var s = call.CheckString(1);
        if (numberBase < 2 || numberBase > 36) throw call.ArgError(2, "base out of range");
        return call.Return(ParseInBase(s.Span, numberBase) is double r ? r : LuaValue.Nil);
    }

    /// <summary>strtoul with a base, then only trailing spaces allowed (lua5.1's tonumber(s, base)).</summary>
    private static double? ParseInBase(ReadOnlySpan<byte> s, int numberBase)
    {
        int i = 0;
        while (i < s.Length && NumberFormat.IsSpace(s[i])) i++;
        bool negative = false;
        if (i < s.Length && (s[i] == '-' || s[i] == '+')) negative = s[i++] == '-';
        if (numberBase == 16 && i + 1 < s.Length && s[i] == '0' && (s[i + 1] | 0x20) == 'x') i += 2;
        int start = i;
        ulong n = 0;
        for (; i < s.Length; i++)
        {
            int c = s[i];
            int digit = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? (c | 0x20) - 'a' + 10 : 99;
            if (digit >= numberBase) break;
            n = n > (ulong.MaxValue - (ulong)digit) / (ulong)numberBase ? ulong.MaxValue : n * (ulong)numberBase + (ulong)digit;
        }
        if (i == start) return null;
        while (i < s.Length && NumberFormat.IsSpace(s[i])) i++;
        if (i != s.Length) return null;
        return negative ? (double)(0 - n) : n;
    }

    private static int RawGet(CallContext call) => call.Return(call.CheckTable(1).Get(call.CheckAny(2)));

    private static int RawSet(CallContext call)
    {
        var t = call.CheckTable(1);
        call.CheckAny(2);
        call.CheckAny(3);
        Metamethods.RawSet(call.Thread, t, call[2], call[3]);
        return call.Return(t);
    }

    private static int RawEqual(CallContext call) => call.Return(LuaValue.RawEquals(call.CheckAny(1), call.CheckAny(2)));

    private static readonly LuaString MetatableField = LuaString.FromLatin1("__metatable");
    private static readonly LuaString ModeField = LuaString.FromLatin1("__mode");

    private static int SetMetatable(CallContext call)
    {
        var t = call.CheckTable(1);
        var mtValue = call[2];
        // an absent second argument is LUA_TNONE in lbaselib.c, neither nil nor a table
        if (call.IsNone(2) || (!mtValue.IsNil && !mtValue.IsTable)) throw call.ArgError(2, "nil or table expected");
        if (HasProtectedMetatable(t)) throw call.Error("cannot change a protected metatable");
        var mt = mtValue.AsTable;
        t.Metatable = mt;
        t.SizeLikeSiblings();
        var mode = mt?.GetStr(ModeField).AsString?.ToLatin1String() ?? "";
        t.WeakKeys = mode.Contains('k');
        t.WeakValues = mode.Contains('v');
        if (t.WeakValues) t.IndexCache = null; // a weak table's __index is not held by the cache
        if (t.WeakKeys || t.WeakValues) call.State.Gc.RegisterWeakTable(call.State, t);
        return call.Return(t);
    }

    /// <summary>Whether t's metatable has a __metatable field, which setmetatable refuses to replace.</summary>
    private static bool HasProtectedMetatable(LuaTable t) => t.Metatable is not null && !t.Metatable.GetStr(MetatableField).IsNil;

    /// <summary>
    /// setmetatable(t, mt) for compiled code (<see cref="FastCall"/>, an object's constructor):
    /// declined where SetMetatable raises an error or where the table becomes weak (the
    /// collector must learn of it).
    /// </summary>
    private static int SetMetatableFast(LuaValue[] stack, int func, int n)
    {
        if (n != 2 || stack[func + 1].Obj is not LuaTable t) return -1;
        var mt = stack[func + 2].Obj as LuaTable;
        if (mt is null && !stack[func + 2].IsNil) return -1;
        if (HasProtectedMetatable(t)) return -1;
        if (mt is not null && !mt.GetStr(ModeField).IsNil) return -1;
        t.Metatable = mt;
        t.SizeLikeSiblings();
        t.WeakKeys = t.WeakValues = false;
        stack[func] = stack[func + 1];
        return 1;
    }

    private static int GetMetatable(CallContext call)
    {
        var mt = Metamethods.GetMetatable(call.State, call.CheckAny(1));
        if (mt is null) return call.Return(LuaValue.Nil);
        var protectedValue = mt.GetStr(MetatableField);
        return call.Return(protectedValue.IsNil ? mt : protectedValue);
    }

    private static int Assert(CallContext call)
    {
        if (call.CheckAny(1).IsTruthy)
        {
            // all arguments are the results
            for (int i = 1; i <= call.ArgCount; i++) call.Push(call[i]);
            return call.ArgCount;
        }
        throw call.ErrorLatin1(call.OptString(2, null)?.ToLatin1String() ?? "assertion failed!");
    }

    private static int Error(CallContext call)
    {
        var value = call[1];
        int level = call.OptInt(2, 1);
        if ((value.IsString || value.IsNumber) && level > 0) value = LuaString.Concat(LuaString.FromLatin1(call.Thread.Where(level)), value.ToLuaStringCoerced()!);
        throw new LuaException(value);
    }

    private static int Next(CallContext call)
    {
        var t = call.CheckTable(1);
        try
        {
            if (t.Next(call[2], out var k, out var v)) return call.Return(k, v);
            return call.Return(LuaValue.Nil);
        }
        catch (KeyNotFoundException)
        {
            // raised by luaH_next (luaG_runerror) while a C function runs: no position, wherever next was called from
            throw new LuaException("invalid key to 'next'");
        }
    }

    private static int IPairsStep(CallContext call)
    {
        var t = call.CheckTable(1);
        long i = call.CheckInteger(2) + 1;
        var v = t.GetInt(i);
        return v.IsNil ? 0 : call.Return(i, v);
    }

    // The iterators of pairs and ipairs called by a generic for (TFORLOOP) in compiled code, or
    // called directly with both arguments (<see cref="FastCall"/>): a step without a frame.

    /// <summary>next(t, k) of a table and a key it holds; anything else (an error to raise) is the ordinary call's.</summary>
    private static int NextFast(LuaValue[] stack, int func, int n)
    {
        if (n != 2 || stack[func + 1].Obj is not LuaTable t) return -1;
        int found = t.TryNext(stack[func + 2], out var k, out var v);
        if (found < 0) return -1;
        if (found == 0)
        {
            stack[func] = default;
            return 1;
        }
        LuaValue.Assign(ref stack[func], k);
        LuaValue.Assign(ref stack[func + 1], v);
        return 2;
    }

    /// <summary>ipairs' step of a table and a number.</summary>
    private static int IPairsStepFast(LuaValue[] stack, int func, int n)
    {
        if (n != 2 || stack[func + 1].Obj is not LuaTable t || !stack[func + 2].IsNumber) return -1;
        long i = CallContext.ToInteger(stack[func + 2].Num) + 1;
        var v = t.GetInt(i);
        if (v.IsNil) return 0;
        LuaValue.StoreNumber(ref stack[func], i);
        LuaValue.Assign(ref stack[func + 1], v);
        return 2;
    }

    private static int Select(CallContext call)
    {
        int n = call.ArgCount;
        if (call[1].Obj is LuaString s && s.Length > 0 && s.Bytes[0] == '#') return call.Return(n - 1);
        long i = call.CheckInt(1); // luaL_checkint: 2^53 is 0
        if (i < 0) i = n + i;
        else if (i > n) i = n;
        if (i < 1) throw call.ArgError(1, "index out of range");
        for (long k = i + 1; k <= n; k++) call.Push(call[(int)k]);
        return n - (int)i;
    }

    /// <summary>
    /// select('#', ...) and select(i, ...) with a number i, for compiled code
    /// (<see cref="FastCall"/>): the count, or the values from the i-th on, moved down to
    /// <paramref name="func"/>. An index out of range is Select's error to raise.
    /// </summary>
    private static int SelectFast(LuaValue[] stack, int func, int n)
    {
        if (n < 1) return -1;
        var first = stack[func + 1];
        if (first.Obj is LuaString s)
        {
            if (s.Length == 0 || s.Bytes[0] != '#') return -1;
            stack[func] = n - 1;
            return 1;
        }
        if (!first.IsNumber) return -1;
        long i = (int)CallContext.ToInteger(first.Num); // as Select's CheckInt
        if (i < 0) i = n + i;
        else if (i > n) i = n;
        if (i < 1) return -1;
        int count = n - (int)i;
        for (int k = 0; k < count; k++) stack[func + k] = stack[func + 1 + (int)i + k];
        return count;
    }

    private static int Unpack(CallContext call)
    {
        var t = call.CheckTable(1);
        long i = call.OptInt(2, 1); // luaL_optint/luaL_checkint: C's int
        long e = call.IsNoneOrNil(3) ? t.Length() : call.CheckInt(3);
        if (i > e) return 0;
        long n = e - i + 1;
        if (n <= 0 || n >= MaxUnpack) throw call.Error("too many results to unpack");
        var thread = call.Thread;
        thread.EnsureStack((int)n);
        var stack = thread.Stack;
        int top = thread.Top;
        for (long k = i; k <= e; k++) stack[top++] = t.GetInt(k);
        thread.Top = top;
        return (int)n;
    }

    private static int LoadResult(CallContext call, Func<LuaClosure> load)
    {
        try
        {
            return call.Return(load());
        }
        catch (LuaException e)
        {
            return call.Return(LuaValue.Nil, e.Value);
        }
    }

    private static int LoadString(CallContext call)
    {
        var s = call.CheckString(1);
        var name = call.OptString(2, s)!;
        return LoadResult(call, () => call.State.LoadNamedInLatin1(s.Bytes, name.ToLatin1String(), call.Thread.Globals));
    }

    private static int Load(CallContext call)
    {
        var reader = call.CheckFunction(1);
        string name = call.OptString(2, LuaString.FromLatin1("=(load)"))!.ToLatin1String();
        var buffer = new MemoryStream();
        try
        {
            var early = new EarlySyntaxError(name);
            while (true)
            {
                var piece = call.State.Call(reader);
                if (piece.Length == 0 || piece[0].IsNil) break;
                var s = piece[0].IsNumber ? call.State.ToStringValue(piece[0]).AsString : piece[0].AsString;
                if (s is null) throw call.Error("reader function must return a string");
                if (s.Length == 0) break;
                buffer.Write(s.Bytes);
                if (early.Found(buffer) is { } error) return call.Return(LuaValue.Nil, LuaString.FromLatin1(error));
            }
        }
        catch (LuaException e)
        {
            return call.Return(LuaValue.Nil, e.Value); // lua_load runs the reader protected
        }
        return LoadResult(call, () => call.State.LoadNamedInLatin1(buffer.ToArray(), name, call.Thread.Globals));
    }

    /// <summary>
    /// lua5.1 compiles while load's reader feeds it and stops calling the reader at the first
    /// syntax error (the official calls.lua counts the calls). Our compiler wants the whole text,
    /// so the text read so far is compiled whenever it has doubled (keeping the total work
    /// linear): an error that is not at the end of the input, found again once more input came,
    /// cannot be repaired by what follows, and ends the reading there.
    /// </summary>
    private sealed class EarlySyntaxError(string chunkName)
    {
        private long _checkedLength;
        private string? _previous;

        public string? Found(MemoryStream buffer)
        {
            if (buffer.Length < 2 * _checkedLength) return null;
            _checkedLength = buffer.Length;
            var text = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            if (text[0] == Bytecode.BinaryChunk.Signature[0]) return null; // binary chunks are checked whole
            string? error = null;
            try
            {
                Compiler.LuaCompiler.Compile(text.ToArray(), chunkName);
            }
            catch (LuaException e)
            {
                error = e.Message;
            }
            if (error is null || error.EndsWith("'<eof>'"))
            {
                _previous = null;
                return null;
            }
            if (error == _previous) return error;
            _previous = error;
            return null;
        }
    }

    /// <summary>
    /// The bytes of a source file, or lauxlib's errfile message: "cannot open NAME: reason" when
    /// fopen fails, "cannot read NAME: reason" when reading does (a directory opens, then fails).
    /// </summary>
    internal static byte[] ReadSourceFile(string fileName)
    {
        string path = Io.OsStrings.ToOs(fileName); // the name's bytes, as the OS reads them
        if (Directory.Exists(path)) throw LuaException.FromLatin1($"cannot read {fileName}: {Io.OsError.Text(Io.OsError.EISDIR)}");
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw LuaException.FromLatin1($"cannot open {fileName}: {Io.OsError.Text(Io.OsError.Of(e, path))}");
        }
    }

    /// <summary>Reads a file for loadfile/dofile; null name means stdin.</summary>
    internal static LuaClosure LoadFileChunk(LuaState state, string? fileName)
    {
        byte[] bytes;
        string chunkName;
        if (fileName is null)
        {
            var ms = new MemoryStream();
            state.StdIn.CopyTo(ms);
            bytes = ms.ToArray();
            chunkName = "=stdin";
        }
        else
        {
            bytes = ReadSourceFile(fileName);
            chunkName = "@" + fileName;
        }
        return state.LoadNamedInLatin1(Compiler.LuaCompiler.SkipShebangLine(bytes), chunkName);
    }

    private static int LoadFile(CallContext call)
    {
        string? name = call.OptString(1, null)?.ToLatin1String();
        return LoadResult(call, () => LoadFileChunk(call.State, name));
    }

    private static int DoFile(CallContext call)
    {
        string? name = call.OptString(1, null)?.ToLatin1String();
        var f = LoadFileChunk(call.State, name);
        var results = call.State.Call(f);
        foreach (var r in results) call.Push(r);
        return results.Length;
    }

    /// <summary>The function at a level (1 = caller of getfenv), or the function argument itself.</summary>
    private static LuaFunction? FunctionAt(CallContext call, int arg, out bool isThread)
    {
        isThread = false;
        if (call[arg].Obj is LuaFunction f) return f;
        int level = call.OptInt(arg, 1);
        if (level < 0) throw call.ArgError(arg, "level must be non-negative");
        if (level == 0)
        {
            isThread = true;
            return null;
        }
        var t = call.Thread;
        int index = t.FrameAtLevel(level, out bool tailCall);
        if (tailCall) throw call.Error($"no function environment for tail call at level {level}");
        if (index < 0) throw call.ArgError(arg, "invalid level");
        ref var frame = ref t.Frames[index];
        return (LuaFunction?)frame.Closure ?? frame.Native;
    }

    private static int GetFenv(CallContext call)
    {
        var f = FunctionAt(call, 1, out bool isThread);
        if (isThread || f is null) return call.Return(call.Thread.Globals);
        return call.Return(f is NativeFunction ? call.State.Globals : f.Env);
    }

    private static int SetFenv(CallContext call)
    {
        var env = call.CheckTable(2);
        var f = FunctionAt(call, 1, out bool isThread);
        if (isThread)
        {
            if (ReferenceEquals(call.Thread, call.State.MainThread)) call.State.Globals = env;
            else call.Thread.Env = env;
            return 0;
        }
        if (f is null || f is NativeFunction)
            throw call.Error("'setfenv' cannot change environment of given object");
        f.Env = env;
        return call.Return(f);
    }

    /// <summary>The metatables that newproxy(true) made: newproxy(u) shares one only when u's is one of them (lua5.1's weak table).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<LuaTable, object> ProxyMetatables = new();

    private static int NewProxy(CallContext call)
    {
        var ud = new LuaUserdata(null);
        var arg = call[1];
        if (arg.IsTruthy && arg.IsBoolean)
        {
            ud.Metatable = new LuaTable();
            ProxyMetatables.Add(ud.Metatable, true);
        }
        else if (arg.Obj is LuaUserdata { Metatable: { } shared } && ProxyMetatables.TryGetValue(shared, out _)) ud.Metatable = shared;
        else if (!(arg.IsNil || (arg.IsBoolean && arg.IsFalsy))) throw call.ArgError(1, "boolean or proxy expected");
        call.State.Gc.TrackFinalizable(call.State, ud);
        return call.Return(new LuaValue(ud));
    }

    private static int CollectGarbage(CallContext call)
    {
        int option = call.CheckOption(1, "collect", "stop", "restart", "collect", "count", "step", "setpause", "setstepmul");
        switch (option)
        {
            case 2:
                if (call.State.Gc.RequestFullCollect(call.State, call.Thread)) return call.Yield(0); // the loop collects, then returns 0
                return call.Return(0);
            case 0:
                call.State.Gc.Stop();
                return call.Return(0);
            case 1:
                call.State.Gc.Restart();
                return call.Return(0);
            case 3:
                return call.Return(call.State.Gc.CountKiB(call.State));
            case 4:
                return call.Return(LuaValue.FromBool(call.State.Gc.Step(call.State, call.Thread, call.OptInt(2, 0))));
            case 5:
            {
                int previous = call.State.Gc.Pause;
                call.State.Gc.Pause = call.OptInt(2, 0);
                return call.Return(previous);
            }
            case 6:
            {
                int previous = call.State.Gc.StepMul;
                call.State.Gc.StepMul = call.OptInt(2, 0);
                return call.Return(previous);
            }
            default:
                return call.Return(0);
        }
    }

    private static int GcInfo(CallContext call) => call.Return(Math.Floor(call.State.Gc.CountKiB(call.State)));

    // A CALL of pcall or xpcall in Lua code never calls these bodies: the interpreter pushes the
    // protected marker frame itself (NativeKind). Native code calling them (state.Call(pcall, f),
    // a coroutine whose body is pcall) gets the same marker through these.
    private static int PCall(CallContext call)
    {
        call.CheckAny(1);
        return Interpreter.ProtectedCallFromNative(call);
    }

    private static int XPCall(CallContext call)
    {
        call.CheckAny(2);
        return Interpreter.ProtectedCallFromNative(call);
    }
}
