using System.Runtime.CompilerServices;
using LuaVm.Runtime;
using LuaVm.Vm;

namespace LuaModules.Lpeg;

/// <summary>An entry of the capture list: an open capture (Len -1) closed later by a Close entry, or a full capture.</summary>
internal struct CaptureEntry
{
    public int Pos;       // start (0-based); for Close, where the capture ends
    public int Len;       // -1 while open (or for an open capture closed by a later Close entry)
    public int Pc;        // the instruction that made it (its Value); for Runtime, the first value in Dynamic
    public int Count;     // Runtime: how many values
    public CapKind Kind;
}

/// <summary>A backtrack entry: a choice (alternative pc, position, capture and dynamic-value levels) or a call (position -1, return pc).</summary>
internal readonly record struct BacktrackEntry(int Pc, int Pos, int Cap, int Dyn);

/// <summary>
/// The parsing machine: runs a program over the subject's bytes with an explicit backtrack stack
/// (choice entries and return addresses), never .NET recursion, so any pattern on any subject
/// ends in a result or a Lua error ("backtrack stack overflow"). Captures are recorded in a list
/// during the match and evaluated afterwards, except match-time captures, evaluated when they close.
/// </summary>
internal sealed class Machine
{
    private readonly Instruction[] _code;
    private readonly byte[] _s;
    private readonly int _maxStack;
    private readonly CaptureContext _ctx;
    private const int ChargeGranularity = 1024;
    private int _stepsUntilCharge = ChargeGranularity;

    // backtrack stack: return pc (choice: alternative), position (-1 for a call), capture level, dynamic values level
    // backtrack stack entries; the array is handed back to the caller for the next match
    private BacktrackEntry[] _stack;

    /// <summary>The stack array, for reuse by the next match.</summary>
    public BacktrackEntry[] Stack => _stack;

    public Machine(Program program, CaptureContext ctx, int maxStack, BacktrackEntry[]? stack = null)
    {
        _stack = stack ?? [];
        _code = program.Code;
        _s = ctx.Subject;
        _ctx = ctx;
        _maxStack = maxStack;
    }

    /// <summary>
    /// Makes room for one more entry. LPeg's limit counts its own bottom entry, so at most
    /// limit - 1 entries are pushed here.
    /// </summary>
    private void Grow(int sp)
    {
        if (sp >= _maxStack - 1)
            throw new LpegException($"backtrack stack overflow (current limit is {_maxStack})");
        int n = Math.Min(Math.Max(_stack.Length * 2, 16), _maxStack - 1);
        Array.Resize(ref _stack, n);
    }

    /// <summary>Runs the program from <paramref name="init"/>; returns the end position, or -1 when the match fails.</summary>
    [MethodImpl(Optimization.Aggressive)] // hot: skip the slow first tier
    public int Run(int init)
    {
        var code = _code;
        var s = _s;
        int len = s.Length;
        int pos = init, pc = 0, sp = 0;
        var ctx = _ctx;
        while (true)
        {
            ref Instruction ins = ref code[pc];
            switch (ins.Op)
            {
                case Op.Any:
                    if (len - pos >= ins.N) { pos += ins.N; pc++; continue; }
                    goto Fail;
                case Op.Char:
                    if (pos < len && s[pos] == ins.Ch) { pos++; pc++; continue; }
                    goto Fail;
                case Op.Str:
                {
                    var b = ins.Bytes!;
                    if (len - pos >= b.Length && s.AsSpan(pos, b.Length).SequenceEqual(b)) { pos += b.Length; pc++; continue; }
                    goto Fail;
                }
                case Op.Set:
                    if (pos < len && ins.Set!.Has(s[pos])) { pos++; pc++; continue; }
                    goto Fail;
                case Op.Span:
                {
                    var bits = ins.Set!.Bits;
                    while (pos < len)
                    {
                        int c = s[pos];
                        if (((bits[c >> 6] >> (c & 63)) & 1) == 0) break;
                        pos++;
                    }
                    pc++;
                    continue;
                }
                case Op.TestAny:
                    pc = len - pos >= ins.N ? pc + 1 : ins.Target;
                    continue;
                case Op.TestChar:
                    pc = pos < len && s[pos] == ins.Ch ? pc + 1 : ins.Target;
                    continue;
                case Op.TestSet:
                    pc = pos < len && ins.Set!.Has(s[pos]) ? pc + 1 : ins.Target;
                    continue;
                case Op.Behind:
                    if (pos < ins.N) goto Fail;
                    pos -= ins.N;
                    pc++;
                    continue;
                case Op.Ret:
                    pc = _stack[--sp].Pc;
                    continue;
                case Op.End:
                    ctx.CaptureCount = ctx.CaptureTop;
                    return pos;
                case Op.Choice:
                    if (sp >= _stack.Length) Grow(sp);
                    _stack[sp] = new BacktrackEntry(ins.Target, pos, ctx.CaptureTop, ctx.DynamicCount);
                    sp++;
                    pc++;
                    continue;
                case Op.Jmp:
                    pc = ins.Target;
                    continue;
                case Op.Call:
                    if (sp >= _stack.Length) Grow(sp);
                    _stack[sp] = new BacktrackEntry(pc + 1, -1, 0, 0);
                    sp++;
                    pc = ins.Target;
                    continue;
                case Op.Commit:
                    sp--;
                    pc = ins.Target;
                    continue;
                case Op.PartialCommit:
                    _stack[sp - 1] = new BacktrackEntry(_stack[sp - 1].Pc, pos, ctx.CaptureTop, ctx.DynamicCount);
                    pc = ins.Target;
                    continue;
                case Op.BackCommit:
                    sp--;
                    pos = _stack[sp].Pos;
                    ctx.CaptureTop = _stack[sp].Cap;
                    ctx.TruncateDynamic(_stack[sp].Dyn);
                    pc = ins.Target;
                    continue;
                case Op.FailTwice:
                    sp--;
                    goto Fail;
                case Op.Fail:
                    goto Fail;
                case Op.OpenCapture:
                    ctx.Add(new CaptureEntry { Kind = ins.Kind, Pos = pos, Len = -1, Pc = pc });
                    pc++;
                    continue;
                case Op.CloseCapture:
                {
                    int top = ctx.CaptureTop;
                    ref var last = ref ctx.Captures[top - 1];
                    if (last.Len < 0 && last.Kind != CapKind.Close)
                        last.Len = pos - last.Pos; // nothing nested: becomes a full capture
                    else
                        ctx.Add(new CaptureEntry { Kind = CapKind.Close, Pos = pos, Len = 0 });
                    pc++;
                    continue;
                }
                case Op.FullCapture:
                    ctx.Add(new CaptureEntry { Kind = ins.Kind, Pos = pos - ins.N, Len = ins.N, Pc = pc });
                    pc++;
                    continue;
                case Op.CloseRunTime:
                {
                    int r = ctx.RunTime(code, ins.Value, pos);
                    if (r < 0) goto Fail;
                    pos = r;
                    pc++;
                    continue;
                }
                default:
                    throw new InvalidOperationException("bad instruction");
            }
        Fail:
            // backtracking can take exponential time: let an instruction budget, a count hook
            // or an interrupt (kraken's runaway watchdog) see it, as string.find's matcher does
            if (--_stepsUntilCharge <= 0)
            {
                _stepsUntilCharge = ChargeGranularity;
                Hooks.ChargeNativeWork(ctx.Thread, ChargeGranularity);
            }
            while (sp > 0 && _stack[sp - 1].Pos < 0) sp--;
            if (sp == 0) return -1;
            sp--;
            pos = _stack[sp].Pos;
            ctx.CaptureTop = _stack[sp].Cap;
            ctx.TruncateDynamic(_stack[sp].Dyn);
            pc = _stack[sp].Pc;
        }
    }
}
