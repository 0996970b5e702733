using System.Runtime.CompilerServices;
using LuaVm.Runtime;
using LuaVm.Vm;

namespace LuaModules.Lpeg;

/// <summary>
/// Turns the capture list of a match into Lua values (after the match, or during it for the
/// nested captures of a match-time capture), kind by kind as LPeg's manual describes them.
/// Values accumulate in <see cref="Values"/>; each Push returns how many it added.
/// </summary>
internal sealed class CaptureEvaluator
{
    /// <summary>How deeply captures may nest (LPeg's limit).</summary>
    private const int MaxDepth = 200;

    private readonly CaptureContext _ctx;
    private readonly Instruction[] _code;
    private readonly CaptureEntry[] _caps;
    private int _depth;
    public readonly List<LuaValue> Values;

    public CaptureEvaluator(CaptureContext ctx, Instruction[] code, List<LuaValue>? values = null)
    {
        Values = values ?? new List<LuaValue>();
        _ctx = ctx;
        _code = code;
        _caps = ctx.Captures;
    }

    private LuaValue ValueOf(int i) => _code[_caps[i].Pc].Value;

    private LuaString Sub(int start, int end) => LuaString.FromBytes(_ctx.Subject.AsSpan(start, end - start));

    /// <summary>The index of the Close entry of the open capture at <paramref name="i"/>.</summary>
    private int CloseOf(int i)
    {
        int depth = 0;
        for (int j = i + 1; ; j++)
        {
            ref var c = ref _caps[j];
            if (c.Kind == CapKind.Close)
            {
                if (depth == 0) return j;
                depth--;
            }
            else if (c.Len < 0) depth++;
        }
    }

    /// <summary>The index of the open capture that the Close entry at <paramref name="j"/> closes.</summary>
    private int OpenOf(int j)
    {
        int depth = 0;
        for (int i = j - 1; ; i--)
        {
            ref var c = ref _caps[i];
            if (c.Kind == CapKind.Close) depth++;
            else if (c.Len < 0)
            {
                if (depth == 0) return i;
                depth--;
            }
        }
    }

    private int Next(int i) => _caps[i].Len >= 0 ? i + 1 : CloseOf(i) + 1;

    private int EndPos(int i) => _caps[i].Len >= 0 ? _caps[i].Pos + _caps[i].Len : _caps[CloseOf(i)].Pos;

    private void Truncate(int n) => Values.RemoveRange(n, Values.Count - n);

    private int _stepsUntilCharge = 1024;

    private void Enter()
    {
        if (++_depth > MaxDepth) throw new LpegException("subcapture nesting too deep");
        // back references re-evaluate groups, which can take exponential time: count the work
        if (--_stepsUntilCharge <= 0)
        {
            _stepsUntilCharge = 1024;
            Hooks.ChargeNativeWork(_ctx.Thread, 1024);
        }
    }

    /// <summary>Pushes the values of the captures nested in the one at <paramref name="i"/>, or its whole match when they give none.</summary>
    [MethodImpl(Optimization.Aggressive)] // hot: skip the slow first tier
    public int PushNested(ref int i)
    {
        ref var c = ref _caps[i];
        int start = c.Pos;
        if (c.Len >= 0)
        {
            i++;
            Values.Add(Sub(start, start + c.Len));
            return 1;
        }
        int n = 0;
        i++;
        while (_caps[i].Kind != CapKind.Close) n += Push(ref i);
        int end = _caps[i].Pos;
        i++;
        if (n == 0)
        {
            Values.Add(Sub(start, end));
            n = 1;
        }
        return n;
    }

    /// <summary>Pushes the values of the capture at <paramref name="i"/> and moves past it.</summary>
    [MethodImpl(Optimization.Aggressive)] // hot: skip the slow first tier
    public int Push(ref int i)
    {
        Enter();
        try
        {
            ref var c = ref _caps[i];
            switch (c.Kind)
            {
                case CapKind.Position:
                    Values.Add(c.Pos + 1);
                    i++;
                    return 1;
                case CapKind.Const:
                    Values.Add(ValueOf(i));
                    i++;
                    return 1;
                case CapKind.Arg:
                {
                    int n = (int)ValueOf(i).Num;
                    if (n > _ctx.ExtraArgs.Length) throw new LpegException($"reference to absent extra argument #{n}");
                    Values.Add(_ctx.ExtraArgs[n - 1]);
                    i++;
                    return 1;
                }
                case CapKind.Runtime:
                    for (int k = 0; k < c.Count; k++) Values.Add(_ctx.Dynamic[c.Pc + k]);
                    i++;
                    return c.Count;
                case CapKind.Simple:
                {
                    int at = Values.Count;
                    Values.Add(LuaValue.Nil);
                    int start = c.Pos;
                    if (c.Len >= 0)
                    {
                        Values[at] = Sub(start, start + c.Len);
                        i++;
                        return 1;
                    }
                    int n = 1;
                    i++;
                    while (_caps[i].Kind != CapKind.Close) n += Push(ref i);
                    Values[at] = Sub(start, _caps[i].Pos);
                    i++;
                    return n;
                }
                case CapKind.Group:
                    if (!ValueOf(i).IsNil)
                    {
                        i = Next(i); // a named group gives values only to Ct and Cb
                        return 0;
                    }
                    return PushNested(ref i);
                case CapKind.Backref:
                {
                    var name = ValueOf(i);
                    int g = FindBack(i, name);
                    if (g < 0) throw new LpegException($"back reference '{Grammar.KeyName(name)}' not found");
                    i++;
                    return PushNested(ref g);
                }
                case CapKind.Table: return TableCapture(ref i);
                case CapKind.Function:
                {
                    var f = ValueOf(i);
                    int at = Values.Count;
                    int n = PushNested(ref i);
                    return CallInto(f, at, n);
                }
                case CapKind.Query:
                {
                    var t = ValueOf(i);
                    int at = Values.Count;
                    PushNested(ref i);
                    var key = Values[at];
                    Truncate(at);
                    var v = Metamethods.Index(_ctx.Thread, t, key, -1);
                    if (v.IsNil) return 0;
                    Values.Add(v);
                    return 1;
                }
                case CapKind.Num:
                {
                    int idx = (int)ValueOf(i).Num;
                    if (idx == 0)
                    {
                        i = Next(i);
                        return 0;
                    }
                    int at = Values.Count;
                    int n = PushNested(ref i);
                    if (n < idx) throw new LpegException($"no capture '{idx}'");
                    var v = Values[at + idx - 1];
                    Truncate(at);
                    Values.Add(v);
                    return 1;
                }
                case CapKind.String:
                    Values.Add(StringCapture(ref i));
                    return 1;
                case CapKind.Subst:
                    Values.Add(SubstCapture(ref i));
                    return 1;
                case CapKind.Fold: return FoldCapture(ref i);
                default:
                    throw new InvalidOperationException("bad capture");
            }
        }
        finally
        {
            _depth--;
        }
    }

    /// <summary>
    /// The most recent complete group named <paramref name="name"/> before the back reference at
    /// <paramref name="i"/>: earlier siblings and earlier siblings of enclosing captures, not
    /// groups inside other complete captures.
    /// </summary>
    private int FindBack(int i, in LuaValue name)
    {
        for (int j = i - 1; j >= 0; j--)
        {
            if (_caps[j].Kind == CapKind.Close) j = OpenOf(j);
            else if (_caps[j].Len < 0) continue; // an enclosing capture, still open here
            if (_caps[j].Kind == CapKind.Group && !ValueOf(j).IsNil && LuaValue.RawEquals(ValueOf(j), name)) return j;
        }
        return -1;
    }

    [MethodImpl(Optimization.Aggressive)] // hot: skip the slow first tier
    private int TableCapture(ref int i)
    {
        if (_caps[i].Len >= 0)
        {
            i++;
            Values.Add(new LuaTable());
            return 1;
        }
        // the values of anonymous captures gather in Values and go into the array part at once
        int at = Values.Count;
        List<(LuaValue Name, LuaValue Value, int Before)>? named = null;
        i++;
        while (_caps[i].Kind != CapKind.Close)
        {
            if (_caps[i].Kind == CapKind.Group && !ValueOf(i).IsNil)
            {
                var name = ValueOf(i);
                int mark = Values.Count;
                PushNested(ref i);
                (named ??= new()).Add((name, Values[mark], mark - at));
                Truncate(mark);
            }
            else Push(ref i);
        }
        i++;
        int n = Values.Count - at;
        var t = new LuaTable(n, named?.Count ?? 0);
        var array = t.ArrayPart;
        for (int k = 0; k < n; k++) array[k] = Values[at + k];
        t.ArrayPartWritten();
        Truncate(at);
        if (named is not null)
        {
            foreach (var (name, value, before) in named)
            {
                // a positional value stored after this group, at the same key, wins
                if (name.IsNumber && name.Num == Math.Floor(name.Num) && name.Num > before && name.Num <= n) continue;
                t.Set(name, value);
            }
        }
        Values.Add(t);
        return 1;
    }

    [MethodImpl(Optimization.Aggressive)] // hot: skip the slow first tier
    private int FoldCapture(ref int i)
    {
        var f = ValueOf(i);
        if (_caps[i].Len >= 0 || _caps[i + 1].Kind == CapKind.Close)
            throw new LpegException("no initial value for fold capture");
        int at = Values.Count;
        i++;
        int n = Push(ref i);
        if (n == 0) throw new LpegException("no initial value for fold capture");
        Truncate(at + 1);
        while (_caps[i].Kind != CapKind.Close)
        {
            int m = Push(ref i);
            int r = CallInto(f, at, m + 1);
            if (r == 0) Values.Add(LuaValue.Nil);
            else Truncate(at + 1);
        }
        i++;
        return 1;
    }

    /// <summary>Appends the string form of the first value of the capture at <paramref name="i"/>; false when it gives no value.</summary>
    [MethodImpl(Optimization.Aggressive)] // hot: skip the slow first tier
    private bool AddOneString(ByteBuilder b, ref int i, string what)
    {
        switch (_caps[i].Kind)
        {
            case CapKind.String:
                b.Append(StringCapture(ref i).Bytes);
                return true;
            case CapKind.Subst:
                b.Append(SubstCapture(ref i).Bytes);
                return true;
            default:
            {
                int at = Values.Count;
                int n = Push(ref i);
                if (n == 0) return false;
                var v = Values[at];
                Truncate(at);
                if (v.Obj is LuaString s) b.Append(s.Bytes);
                else if (v.IsNumber) b.Append(LuaString.FromLatin1(NumberFormat.Format(v.Num)).Bytes);
                else throw new LpegException($"invalid {what} value (a {v.TypeName()})");
                return true;
            }
        }
    }

    [MethodImpl(Optimization.Aggressive)] // hot: skip the slow first tier
    private LuaString SubstCapture(ref int i)
    {
        int start = _caps[i].Pos;
        if (_caps[i].Len >= 0)
        {
            // nothing nested: the match itself
            i++;
            return Sub(start, start + _caps[i - 1].Len);
        }
        var b = new ByteBuilder();
        int cur = start;
        i++;
        while (_caps[i].Kind != CapKind.Close)
        {
            int capStart = _caps[i].Pos;
            int capEnd = EndPos(i);
            b.Append(_ctx.Subject.AsSpan(cur, capStart - cur));
            if (!AddOneString(b, ref i, "replacement")) b.Append(_ctx.Subject.AsSpan(capStart, capEnd - capStart));
            cur = capEnd;
        }
        b.Append(_ctx.Subject.AsSpan(cur, _caps[i].Pos - cur));
        i++;
        return b.ToLuaString();
    }

    private struct StrCap
    {
        public int Index;      // the capture
        public bool IsString;  // a simple capture: its match is the value
        public int Start, End;
    }

    private void CollectStringCaptures(ref int j, List<StrCap> caps)
    {
        Enter();
        try
        {
            while (_caps[j].Kind != CapKind.Close)
            {
                ref var c = ref _caps[j];
                if (c.Kind != CapKind.Simple)
                {
                    if (caps.Count < 10) caps.Add(new StrCap { Index = j });
                    j = Next(j);
                    continue;
                }
                int slot = caps.Count < 10 ? caps.Count : -1;
                if (slot >= 0) caps.Add(new StrCap { Index = j, IsString = true, Start = c.Pos });
                int end;
                if (c.Len >= 0)
                {
                    end = c.Pos + c.Len;
                    j++;
                }
                else
                {
                    j++;
                    CollectStringCaptures(ref j, caps);
                    end = _caps[j].Pos;
                    j++;
                }
                if (slot >= 0) caps[slot] = caps[slot] with { End = end };
            }
        }
        finally
        {
            _depth--;
        }
    }

    [MethodImpl(Optimization.Aggressive)] // hot: skip the slow first tier
    private LuaString StringCapture(ref int i)
    {
        var fmt = ValueOf(i).AsString!.Bytes;
        var caps = new List<StrCap>();
        int start = _caps[i].Pos, end;
        caps.Add(new StrCap { Index = i, IsString = true, Start = start });
        if (_caps[i].Len >= 0)
        {
            end = start + _caps[i].Len;
            i++;
        }
        else
        {
            int j = i + 1;
            CollectStringCaptures(ref j, caps);
            end = _caps[j].Pos;
            i = j + 1;
        }
        caps[0] = caps[0] with { End = end };
        var b = new ByteBuilder();
        for (int k = 0; k < fmt.Length; k++)
        {
            byte ch = fmt[k];
            if (ch != '%')
            {
                b.Append(ch);
                continue;
            }
            k++;
            byte d = k < fmt.Length ? fmt[k] : (byte)0;
            if (d < '0' || d > '9')
            {
                b.Append(d);
                continue;
            }
            int n = d - '0';
            if (n >= caps.Count) throw new LpegException($"invalid capture index ({n})");
            var sc = caps[n];
            if (sc.IsString) b.Append(_ctx.Subject.AsSpan(sc.Start, sc.End - sc.Start));
            else
            {
                int at = sc.Index;
                if (!AddOneString(b, ref at, "capture")) throw new LpegException($"no values in capture index {n}");
            }
        }
        return b.ToLuaString();
    }

    /// <summary>
    /// Calls <paramref name="function"/> with Values[at..at+n) as arguments and puts its results
    /// in their place; returns how many.
    /// </summary>
    [MethodImpl(Optimization.Aggressive)] // hot: skip the slow first tier
    public int CallInto(in LuaValue function, int at, int n)
    {
        var t = _ctx.Thread;
        int func = t.Top;
        t.EnsureStack(n + 1);
        t.Stack[func] = function;
        for (int k = 0; k < n; k++) t.Stack[func + 1 + k] = Values[at + k];
        t.Top = func + 1 + n;
        int r = 0;
        try
        {
            r = Interpreter.Call(t, func, -1);
            Truncate(at);
            var stack = t.Stack;
            for (int k = 0; k < r; k++) Values.Add(stack[func + k]);
            return r;
        }
        finally
        {
            // nothing of the call stays reachable from the stack (a failed match keeps nothing alive)
            int clear = Math.Max(r, n + 1);
            if (func + clear <= t.Stack.Length) Array.Clear(t.Stack, func, clear);
            t.Top = func;
        }
    }
}
