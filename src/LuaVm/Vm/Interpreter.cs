using System.Runtime.CompilerServices;
using LuaVm.Bytecode;
using LuaVm.Jit;
using LuaVm.Runtime;
using static LuaVm.Bytecode.Instruction;

namespace LuaVm.Vm;

/// <summary>
/// The register VM's dispatch loop (lvm.c's job): <see cref="Run"/> decodes and executes the
/// instructions of the running thread's top frame, the opcodes too big or too rare to keep in it,
/// their slow paths (metamethods, coercions), and the completion of an opcode whose Lua
/// metamethod or iterator ran as a frame of the loop.
/// <para>
/// Not here: entering and leaving functions, the C levels, the C# entry points and yields
/// (Interpreter.Calls.cs, ldo.c's job); pcall/xpcall markers and error unwinding
/// (Interpreter.Protected.cs); the calls compiled code makes (Interpreter.Compiled.cs); the
/// metamethod rules themselves (Metamethods.cs).
/// </para>
/// </summary>
internal static partial class Interpreter
{
    private static ExecResult Run(LuaThread t)
    {
        // After a return (or a resume) into a call that wanted all results, Top marks their end
        // and must survive until the next instruction consumes them.
        bool keepTop;
        int pc;
        int interpretAt = -1; // see the pending exit below
        // Compiled code leaves an instruction it has no fast path for to the interpreter; once
        // that one instruction has run, the frame goes back to its compiled code (so a VARARG or
        // a CLOSURE does not leave the rest of the function interpreted). 2: the left instruction
        // is next; 1: it has run; 0: nothing to go back to.
        int backToCompiled = 0;
    switched: // t is the thread to run: the one given, or one a resume in this loop switched to
        keepTop = t.Protocol.TakeKeepTop();
        if (keepTop && t.Protocol.HasPendingExit)
        {
            // compiled code run outside this loop on this thread (RunResumed, an undone direct
            // call) returned this: act on it as if this loop had called that code
            pc = t.Protocol.TakePendingExit();
            if (pc < 0)
            {
                keepTop = false;
                goto compiledLeft;
            }
            interpretAt = pc; // the code stopped mid-frame: interpret from there, Top as it left it
        }
    reentry:
        backToCompiled = 0;
        int fi = t.FrameCount - 1;
        var frames = t.Frames;
        var cl = frames[fi].Closure!;
        var p = cl.Proto;
        var code = p.Code;
        var k = p.Constants;
        int @base = frames[fi].Base;
        pc = frames[fi].SavedPc;
        var stack = t.Stack;
        if (!keepTop) t.Top = @base + p.MaxStackSize;
        else if (interpretAt >= 0)
        {
            pc = interpretAt;
            interpretAt = -1;
            keepTop = false;
            goto interpret;
        }
        keepTop = false;
        // compiled code runs the frame as far as it can; the interpreter goes on from there
        if (p.Compiled is null || t.HookMask != 0) goto interpret;
    enterCompiled: // at the pc the frame is at (reentry), or a backward jump's target
        pc = p.Compiled!(t, ref stack[@base], @base, cl, pc);
        stack = t.Stack;
        frames = t.Frames;
        if (pc < 0) goto compiledLeft;
        backToCompiled = 2;
    interpret:
        while (true)
        {
            if (backToCompiled != 0 && --backToCompiled == 0 && t.HookMask == 0) goto enterCompiled;
            uint i = code[pc++];
            if (t.HookMask != 0)
            {
                Hooks.BeforeInstruction(t, fi, pc - 1);
                stack = t.Stack;
                frames = t.Frames;
            }
            frames[fi].SavedPc = pc;
            int a = A(i);
            switch (Op(i))
            {
                case OpCode.Move:
                    LuaValue.Assign(ref stack[@base + a], stack[@base + B(i)]);
                    break;
                case OpCode.LoadK:
                    LuaValue.Assign(ref stack[@base + a], k[Bx(i)]);
                    break;
                case OpCode.LoadBool:
                    stack[@base + a] = B(i) != 0 ? LuaValue.True : LuaValue.False;
                    if (C(i) != 0) pc++;
                    break;
                case OpCode.LoadNil:
                    for (int r = a, last = B(i); r <= last; r++) stack[@base + r] = default;
                    break;
                case OpCode.GetUpval:
                    stack[@base + a] = cl.UpValues[B(i)].Value;
                    break;
                case OpCode.GetGlobal:
                {
                    var key = k[Bx(i)];
                    var env = cl.Env;
                    var v = env.GetStr((LuaString)key.Obj!);
                    if (v.IsNil && env.Metatable is not null)
                    {
                        IndexSlow(t, env, key, -1, @base + a);
                        goto afterSlowPath;
                    }
                    stack[@base + a] = v;
                    break;
                }
                case OpCode.GetTable:
                {
                    int b = B(i), c = C(i);
                    var rb = stack[@base + b];
                    var key = IsConstant(c) ? k[ConstantIndex(c)] : stack[@base + c];
                    if (rb.Obj is LuaTable tb)
                    {
                        var v = key.Obj is LuaString ks ? tb.GetStr(ks) : key.IsNumber ? tb.GetNumber(key.Num) : RawGetSlow(tb, key);
                        if (v.IsNil && tb.Metatable is not null)
                        {
                            IndexSlow(t, rb, key, b, @base + a);
                            goto afterSlowPath;
                        }
                        stack[@base + a] = v;
                        break;
                    }
                    IndexSlow(t, rb, key, b, @base + a);
                    goto afterSlowPath;
                }
                case OpCode.SetGlobal:
                {
                    var key = k[Bx(i)];
                    var env = cl.Env;
                    if (env.Metatable is null) env.SetStr((LuaString)key.Obj!, stack[@base + a]);
                    else
                    {
                        SetIndexSlow(t, env, key, stack[@base + a], -1);
                        goto afterSlowPath;
                    }
                    break;
                }
                case OpCode.SetUpval:
                    cl.UpValues[B(i)].Value = stack[@base + a];
                    break;
                case OpCode.SetTable:
                {
                    int b = B(i), c = C(i);
                    var ra = stack[@base + a];
                    var key = IsConstant(b) ? k[ConstantIndex(b)] : stack[@base + b];
                    var val = IsConstant(c) ? k[ConstantIndex(c)] : stack[@base + c];
                    if (ra.Obj is LuaTable ta && ta.Metatable is null)
                    {
                        if (key.Obj is LuaString ks) ta.SetStr(ks, val);
                        else if (key.IsNumber && !double.IsNaN(key.Num)) SetNumberSlow(ta, key.Num, val);
                        else RawSetSlow(t, ta, key, val);
                    }
                    else
                    {
                        SetIndexSlow(t, ra, key, val, a);
                        goto afterSlowPath;
                    }
                    break;
                }
                case OpCode.NewTable:
                    stack[@base + a] = new LuaTable(FloatByteToInt(B(i)), FloatByteToInt(C(i)));
                    break;
                case OpCode.Self:
                {
                    int b = B(i), c = C(i);
                    var rb = stack[@base + b];
                    var key = IsConstant(c) ? k[ConstantIndex(c)] : stack[@base + c];
                    stack[@base + a + 1] = rb;
                    LuaValue v;
                    if (rb.Obj is LuaTable tb && key.Obj is LuaString ks && !(v = tb.GetStr(ks)).IsNil) { }
                    else if (key.Obj is LuaString name && rb.Obj is LuaString or LuaUserdata
                        && !(v = Metamethods.MethodOf(rb.Obj is LuaUserdata ud ? ud.Metatable : t.State.StringMetatable, name)).IsNil) { }
                    else
                    {
                        IndexSlow(t, rb, key, b, @base + a);
                        goto afterSlowPath;
                    }
                    stack[@base + a] = v;
                    break;
                }
                case OpCode.Add:
                {
                    int b = B(i), c = C(i);
                    var rb = IsConstant(b) ? k[ConstantIndex(b)] : stack[@base + b];
                    var rc = IsConstant(c) ? k[ConstantIndex(c)] : stack[@base + c];
                    if (rb.IsNumber && rc.IsNumber) LuaValue.StoreNumber(ref stack[@base + a], rb.Num + rc.Num);
                    else
                    {
                        ArithSlow(t, i, rb, rc, @base + a);
                        goto afterSlowPath;
                    }
                    break;
                }
                case OpCode.Sub:
                {
                    int b = B(i), c = C(i);
                    var rb = IsConstant(b) ? k[ConstantIndex(b)] : stack[@base + b];
                    var rc = IsConstant(c) ? k[ConstantIndex(c)] : stack[@base + c];
                    if (rb.IsNumber && rc.IsNumber) LuaValue.StoreNumber(ref stack[@base + a], rb.Num - rc.Num);
                    else
                    {
                        ArithSlow(t, i, rb, rc, @base + a);
                        goto afterSlowPath;
                    }
                    break;
                }
                case OpCode.Mul:
                {
                    int b = B(i), c = C(i);
                    var rb = IsConstant(b) ? k[ConstantIndex(b)] : stack[@base + b];
                    var rc = IsConstant(c) ? k[ConstantIndex(c)] : stack[@base + c];
                    if (rb.IsNumber && rc.IsNumber) LuaValue.StoreNumber(ref stack[@base + a], rb.Num * rc.Num);
                    else
                    {
                        ArithSlow(t, i, rb, rc, @base + a);
                        goto afterSlowPath;
                    }
                    break;
                }
                case OpCode.Div:
                case OpCode.Mod:
                case OpCode.Pow:
                {
                    int b = B(i), c = C(i);
                    var rb = IsConstant(b) ? k[ConstantIndex(b)] : stack[@base + b];
                    var rc = IsConstant(c) ? k[ConstantIndex(c)] : stack[@base + c];
                    if (rb.IsNumber && rc.IsNumber)
                    {
                        double x = rb.Num, y = rc.Num;
                        LuaValue.StoreNumber(ref stack[@base + a], Op(i) switch
                        {
                            OpCode.Div => x / y,
                            OpCode.Mod => x - Math.Floor(x / y) * y,
                            _ => Math.Pow(x, y),
                        });
                    }
                    else
                    {
                        ArithSlow(t, i, rb, rc, @base + a);
                        goto afterSlowPath;
                    }
                    break;
                }
                case OpCode.Unm:
                {
                    int b = B(i);
                    var rb = stack[@base + b];
                    if (rb.IsNumber) LuaValue.StoreNumber(ref stack[@base + a], -rb.Num);
                    else
                    {
                        UnmSlow(t, rb, b, @base + a);
                        goto afterSlowPath;
                    }
                    break;
                }
                case OpCode.Not:
                    stack[@base + a] = stack[@base + B(i)].IsFalsy ? LuaValue.True : LuaValue.False;
                    break;
                case OpCode.Len:
                {
                    int b = B(i);
                    var rb = stack[@base + b];
                    LuaValue v;
                    if (rb.Obj is LuaTable tb) v = tb.Length();
                    else if (rb.Obj is LuaString s) v = s.Length;
                    else
                    {
                        LengthSlow(t, rb, b, @base + a);
                        goto afterSlowPath;
                    }
                    stack[@base + a] = v;
                    break;
                }
                case OpCode.Concat:
                {
                    Concat(t, @base + a, @base + B(i), @base + C(i));
                    goto afterSlowPath;
                }
                case OpCode.Jmp:
                {
                    int offset = SBx(i);
                    pc += offset;
                    if (offset < 0) goto backwardJump;
                    if (t.Protocol.PendingCollect)
                    {
                        frames[fi].SavedPc = pc;
                        return ExecResult.CollectRequested;
                    }
                    break;
                }
                case OpCode.Eq:
                {
                    int b = B(i), c = C(i);
                    var rb = IsConstant(b) ? k[ConstantIndex(b)] : stack[@base + b];
                    var rc = IsConstant(c) ? k[ConstantIndex(c)] : stack[@base + c];
                    bool eq;
                    if (rb.IsNumber && rc.IsNumber) eq = rb.Num == rc.Num;
                    else if (rb.Obj is LuaString sb && rc.Obj is LuaString sc) eq = ReferenceEquals(sb, sc) || sb.ContentEquals(sc);
                    else
                    {
                        pc = CompareSlow(t, i, rb, rc, code, pc);
                        goto afterSlowPath;
                    }
                    if (eq == (a != 0))
                    {
                        int jump = SBx(code[pc]);
                        pc += jump + 1;
                        if (jump < 0) goto backwardJump;
                    }
                    else pc++;
                    break;
                }
                case OpCode.Lt:
                {
                    int b = B(i), c = C(i);
                    var rb = IsConstant(b) ? k[ConstantIndex(b)] : stack[@base + b];
                    var rc = IsConstant(c) ? k[ConstantIndex(c)] : stack[@base + c];
                    bool lt;
                    if (rb.IsNumber && rc.IsNumber) lt = rb.Num < rc.Num;
                    else
                    {
                        pc = CompareSlow(t, i, rb, rc, code, pc);
                        goto afterSlowPath;
                    }
                    if (lt == (a != 0))
                    {
                        int jump = SBx(code[pc]);
                        pc += jump + 1;
                        if (jump < 0) goto backwardJump;
                    }
                    else pc++;
                    break;
                }
                case OpCode.Le:
                {
                    int b = B(i), c = C(i);
                    var rb = IsConstant(b) ? k[ConstantIndex(b)] : stack[@base + b];
                    var rc = IsConstant(c) ? k[ConstantIndex(c)] : stack[@base + c];
                    bool le;
                    if (rb.IsNumber && rc.IsNumber) le = rb.Num <= rc.Num;
                    else
                    {
                        pc = CompareSlow(t, i, rb, rc, code, pc);
                        goto afterSlowPath;
                    }
                    if (le == (a != 0))
                    {
                        int jump = SBx(code[pc]);
                        pc += jump + 1;
                        if (jump < 0) goto backwardJump;
                    }
                    else pc++;
                    break;
                }
                case OpCode.Test:
                    if (stack[@base + a].IsFalsy != (C(i) != 0))
                    {
                        int jump = SBx(code[pc]);
                        pc += jump + 1;
                        if (jump < 0) goto backwardJump;
                    }
                    else pc++;
                    break;
                case OpCode.TestSet:
                {
                    var rb = stack[@base + B(i)];
                    if (rb.IsFalsy != (C(i) != 0))
                    {
                        stack[@base + a] = rb;
                        int jump = SBx(code[pc]);
                        pc += jump + 1;
                        if (jump < 0) goto backwardJump;
                    }
                    else pc++;
                    break;
                }
                case OpCode.Call:
                {
                    int b = B(i);
                    int wanted = C(i) - 1;
                    int func = @base + a;
                    if (b != 0) t.Top = func + b;
                    var callee = stack[func].Obj; // an object, not the 16-byte value: it stays in a register
                    CallKind kind;
                    if (p.CallTargets is { } targets && p.Compiled is null) CallTargets.Note(targets, pc - 1, callee);
                    if (callee is LuaClosure lua) kind = PrecallLua(t, lua, func, wanted);
                    else if (callee is NativeFunction nf)
                    {
                        // a native's short path (type, math.floor, s:sub...): its results in place, no frame
                        if (nf.Fast is not null && TryFastCall(t, nf, func, b, wanted))
                        {
                            if (wanted >= 0) t.Top = @base + p.MaxStackSize;
                            break;
                        }
                        if (nf.Kind is NativeKind.Ordinary or NativeKind.Yield) kind = CallNative(t, nf, func, wanted);
                        else if (nf.Kind is NativeKind.PCall or NativeKind.XPCall) kind = StartProtectedCall(t, nf, func, wanted);
                        else if (Coroutines.TryResumeInLoop(t, nf, func, wanted) is { } next)
                        {
                            t = next;
                            goto switched;
                        }
                        else kind = CallNative(t, nf, func, wanted); // resume/wrap the ordinary way (an error, a hook)
                    }
                    else kind = Precall(t, func, wanted); // __call
                    if (kind == CallKind.Lua) goto reentry;
                    if (kind == CallKind.Yielded)
                    {
                        if (SwitchToResumer(t) is not { } resumer) return ExecResult.Yielded;
                        t = resumer;
                        goto switched;
                    }
                    stack = t.Stack;
                    frames = t.Frames;
                    if (t.Protocol.PendingCollect && t.FrameCount - 1 != fi) return ExecResult.CollectRequested; // a pcall marker waits for it
                    if (wanted >= 0) t.Top = @base + p.MaxStackSize;
                    if (t.Protocol.PendingCollect)
                    {
                        // Registers above the results are dead (lua5.1 does not mark them either).
                        if (wanted >= 0) Array.Clear(stack, func + wanted, t.Top - (func + wanted));
                        t.Protocol.KeepTopForNextEntry(wanted < 0);
                        return ExecResult.CollectRequested;
                    }
                    break;
                }
                case OpCode.TailCall:
                {
                    int b = B(i);
                    int func = @base + a;
                    if (b != 0) t.Top = func + b;
                    var callee = stack[func].Obj; // an object, not the 16-byte value: it stays in a register
                    if (p.CallTargets is { } targets && p.Compiled is null) CallTargets.Note(targets, pc - 1, callee);
                    if (callee is not LuaClosure)
                    {
                        // Natives (and __call objects resolved below) run as an ordinary call whose
                        // results the following RETURN passes on.
                        CallKind kind;
                        if (callee is NativeFunction nf)
                            kind = nf.Kind is NativeKind.PCall or NativeKind.XPCall ? StartProtectedCall(t, nf, func, -1) : Precall(t, func, -1);
                        else kind = Precall(t, func, -1);
                        if (kind == CallKind.Lua) goto reentry;
                        if (kind == CallKind.Yielded)
                        {
                            if (SwitchToResumer(t) is not { } resumer) return ExecResult.Yielded;
                            t = resumer;
                            goto switched;
                        }
                        stack = t.Stack;
                        frames = t.Frames;
                        break;
                    }
                    TailCallLua(t, (LuaClosure)callee, func);
                    goto reentry;
                }
                case OpCode.Return:
                {
                    int b = B(i);
                    int first = @base + a;
                    int count = b != 0 ? b - 1 : t.Top - first;
                    if (t.OpenUpValues is not null) t.CloseUpValues(@base);
                    if (t.HookMask != 0)
                    {
                        int saveTop = t.Top;
                        t.Top = Math.Max(t.Top, first + count);
                        Hooks.OnReturn(t);
                        t.Top = saveTop;
                        stack = t.Stack;
                    }
                    var flags = frames[fi].Flags;
                    int wantedByCaller = frames[fi].WantedResults;
                    int returnedFunc = frames[fi].FuncIndex;
                    PostCall(t, first, count);
                    if ((flags & FrameFlags.Entry) != 0)
                    {
                        // a coroutine's body returned: a resume in this loop continues its resumer
                        if (t.FrameCount != 0 || t.Protocol.InLoopResumer is null) return ExecResult.Returned;
                        t = Coroutines.SwitchBack(t, returned: true);
                        goto switched;
                    }
                    if ((flags & FrameFlags.FinishTForLoop) != 0) FinishTForLoop(t);
                    else if ((flags & FrameFlags.FinishMetamethod) != 0) FinishMetamethod(t, returnedFunc, flags);
                    // Returning into a pcall marker completes the pcall, then its caller continues.
                    keepTop = FinishProtectedCalls(t, wantedByCaller) < 0;
                    goto reentry;
                }
                case OpCode.ForLoop:
                {
                    double step = stack[@base + a + 2].Num;
                    double idx = stack[@base + a].Num + step;
                    double limit = stack[@base + a + 1].Num;
                    if (step > 0 ? idx <= limit : limit <= idx)
                    {
                        pc += SBx(i);
                        LuaValue.StoreNumber(ref stack[@base + a], idx);
                        LuaValue.StoreNumber(ref stack[@base + a + 3], idx);
                        goto backwardJump;
                    }
                    break;
                }
                case OpCode.ForPrep:
                {
                    PrepareNumericFor(t, @base + a);
                    pc += SBx(i);
                    break;
                }
                case OpCode.TForLoop:
                {
                    int cb = @base + a + 3;
                    if (TryFastIteratorStep(t, stack, @base + a, C(i))) goto iterated; // pairs, ipairs: no frame
                    stack[cb + 2] = stack[@base + a + 2];
                    stack[cb + 1] = stack[@base + a + 1];
                    stack[cb] = stack[@base + a];
                    t.Top = cb + 3;
                    // The iterator runs in this loop, like a CALL, so that it can yield (beyond 5.1);
                    // its return finishes this instruction (FinishTForLoop).
                    var iteratorKind = Precall(t, cb, C(i));
                    if (iteratorKind == CallKind.Lua)
                    {
                        t.Frames[t.FrameCount - 1].Flags |= FrameFlags.FinishTForLoop;
                        goto reentry;
                    }
                    if (iteratorKind == CallKind.Yielded)
                    {
                        t.Frames[t.FrameCount - 1].Flags |= FrameFlags.FinishTForLoop;
                        if (SwitchToResumer(t) is not { } resumer) return ExecResult.Yielded;
                        t = resumer;
                        goto switched;
                    }
                    stack = t.Stack;
                    frames = t.Frames;
                    t.Top = @base + p.MaxStackSize;
                iterated:
                    if (!stack[cb].IsNil)
                    {
                        stack[cb - 1] = stack[cb];
                        pc += SBx(code[pc]) + 1;
                    }
                    else pc++;
                    break;
                }
                case OpCode.SetList:
                {
                    int n = B(i);
                    int c = C(i);
                    if (n == 0) n = t.Top - (@base + a) - 1;
                    if (c == 0) c = (int)code[pc++];
                    SetList(t, @base + a, n, c);
                    t.Top = @base + p.MaxStackSize;
                    break;
                }
                case OpCode.Close:
                    t.CloseUpValues(@base + a);
                    break;
                case OpCode.Closure:
                {
                    pc = MakeClosure(t, cl, p.Protos[Bx(i)], pc, @base, a);
                    break;
                }
                case OpCode.VarArg:
                {
                    CopyVarargs(t, fi, @base + a, B(i) - 1, p.MaxStackSize);
                    stack = t.Stack;
                    break;
                }
                default:
                    throw Errors.RuntimeError(t, $"bad opcode {Op(i)}");
            }
            continue;
        afterSlowPath:
            // An opcode's slow path ran (a metamethod, a coercion, an error: "slow paths of the
            // loop" below). When it pushed a Lua metamethod's frame, the loop goes on in that
            // frame, and the opcode is finished when it returns (FinishMetamethod). Otherwise the
            // slow path has stored the result, or for a comparison chosen the next pc, and the
            // loop goes on, through backwardJump when a comparison jumped back. Nested calls in
            // the slow path may have moved the stack and the frames.
            if (t.Protocol.TakeMetaFramePushed()) goto reentry;
            stack = t.Stack;
            frames = t.Frames;
            if (pc < frames[fi].SavedPc) goto backwardJump;
            continue;
        backwardJump:
            // every backward jump (JMP, FORLOOP, and a test that jumps back, as at the end of
            // `repeat ... until c`): a loop without calls sees a pending collection here, and the
            // jump counts towards compiling the function and enters its compiled code
            if (t.Protocol.PendingCollect)
            {
                frames[fi].SavedPc = pc;
                return ExecResult.CollectRequested;
            }
            if (t.HookMask == 0 && (p.Compiled is not null || (--p.HotCountdown == 0 && JitCompiler.OnHot(t.State, p))))
                goto enterCompiled;
        }

    compiledLeft: // compiled code returned an exit code (CompiledExit.cs)
        if (AfterCompiledExit(t, pc, out var result) is not { } goOn) return result;
        t = goOn;
        goto switched;
    }

    /// <summary>
    /// The rest of the opcode whose metamethod ran as a frame: store the result in R(A), or for
    /// a comparison take the jump as the result says (negated for __le done through __lt).
    /// </summary>
    private static void FinishMetamethod(LuaThread t, int resultSlot, FrameFlags flags)
    {
        t.Protocol.MetaFrameCount--;
        ref CallFrame caller = ref t.Frames[t.FrameCount - 1];
        var p = caller.Closure!.Proto;
        var code = p.Code;
        int pc = caller.SavedPc;
        uint i = code[pc - 1];
        var result = t.Stack[resultSlot];
        switch (Op(i))
        {
            case OpCode.Eq:
            case OpCode.Lt:
            case OpCode.Le:
                bool truth = result.IsTruthy != ((flags & FrameFlags.NegateResult) != 0);
                if (truth == (A(i) != 0)) pc += SBx(code[pc]) + 1;
                else pc++;
                caller.SavedPc = pc;
                break;
            case OpCode.SetTable:
            case OpCode.SetGlobal:
                break;
            case OpCode.Concat:
                // The metamethod was called just above the operands left (Metamethods.Concat):
                // its result replaces the last two; concatenate what remains, which may push
                // another metamethod frame (then this opcode finishes when that one returns).
                int first = caller.Base + B(i);
                int last = resultSlot - 2;
                t.Stack[last] = result;
                t.Top = caller.Base + p.MaxStackSize;
                if (last > first)
                {
                    t.Protocol.BeginMetaSlowPath();
                    Metamethods.Concat(t, first, last);
                    if (!t.Protocol.EndMetaSlowPath())
                    {
                        t.Protocol.TakeMetaFramePushed(); // the caller re-enters the loop at the top frame, that one
                        return;
                    }
                }
                t.Stack[caller.Base + A(i)] = t.Stack[first];
                return;
            default: // GETTABLE, GETGLOBAL, SELF, arithmetic, UNM, LEN
                t.Stack[caller.Base + A(i)] = result;
                break;
        }
        t.Top = caller.Base + p.MaxStackSize;
    }

    /// <summary>
    /// The rest of a TFORLOOP whose iterator ran as a frame of its own (and may have yielded):
    /// the results are in place; continue the loop (jump back) unless the first one is nil.
    /// </summary>
    internal static void FinishTForLoop(LuaThread t)
    {
        ref CallFrame caller = ref t.Frames[t.FrameCount - 1];
        var p = caller.Closure!.Proto;
        var code = p.Code;
        int pc = caller.SavedPc;
        int cb = caller.Base + A(code[pc - 1]) + 3;
        t.Top = caller.Base + p.MaxStackSize;
        if (!t.Stack[cb].IsNil)
        {
            t.Stack[cb - 1] = t.Stack[cb];
            pc += SBx(code[pc]) + 1;
        }
        else pc++;
        caller.SavedPc = pc;
    }

    // ---- opcodes too big or too rare to keep in Run (a smaller Run gets better registers) ----

    /// <summary>SETLIST: stores <paramref name="count"/> values above the table into its array part, block <paramref name="block"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SetList(LuaThread t, int tableSlot, int count, int block)
    {
        var stack = t.Stack;
        var table = (LuaTable)stack[tableSlot].Obj!;
        int first = (block - 1) * FieldsPerFlush + 1;
        table.EnsureArraySize(first + count - 1);
        // in key order, so that a table built whole keeps a dense array part's border (LuaTable)
        for (int k = 0; k < count; k++) table.SetInt(first + k, stack[tableSlot + 1 + k]);
    }

    /// <summary>CLOSURE: a new closure of <paramref name="proto"/> in R(a); its upvalues come from the pseudo-instructions that follow. Returns the pc after them.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int MakeClosure(LuaThread t, LuaClosure enclosing, Proto proto, int pc, int @base, int a)
    {
        var closure = new LuaClosure(proto, enclosing.Env);
        var code = enclosing.Proto.Code;
        for (int j = 0; j < proto.NumUpvalues; j++)
        {
            uint pseudo = code[pc++];
            closure.UpValues[j] = Op(pseudo) == OpCode.GetUpval ? enclosing.UpValues[B(pseudo)] : t.FindUpValue(@base + B(pseudo));
        }
        t.Stack[@base + a] = closure;
        return pc;
    }

    /// <summary>VARARG: <paramref name="wanted"/> extra arguments (all of them when negative, setting Top) into R(a)...</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CopyVarargs(LuaThread t, int fi, int ra, int wanted, int maxStackSize)
    {
        ref CallFrame f = ref t.Frames[fi];
        int n = f.VarargCount;
        if (wanted < 0) t.EnsureStackSize(ra + n + maxStackSize);
        CopyVarargValues(t, f.VarargBase, n, ra, wanted);
    }

    /// <summary>
    /// VARARG's copy: the <paramref name="count"/> varargs at <paramref name="first"/> into R(a)
    /// at <paramref name="ra"/>, as many as <paramref name="wanted"/> (the missing ones nil), or
    /// all of them when it is negative, Top then ending them. The stack has room.
    /// </summary>
    internal static void CopyVarargValues(LuaThread t, int first, int count, int ra, int wanted)
    {
        if (wanted < 0)
        {
            wanted = count;
            t.Top = ra + count;
        }
        var stack = t.Stack;
        for (int j = 0; j < wanted; j++) stack[ra + j] = j < count ? stack[first + j] : default;
    }

    /// <summary>FORPREP: checks and converts the three control values, and steps back once.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void PrepareNumericFor(LuaThread t, int ra)
    {
        // out-parameters here rather than in Run: the JIT would keep Run's doubles in memory
        var stack = t.Stack;
        if (!stack[ra].TryToNumber(out double init)) throw Errors.RuntimeError(t, "'for' initial value must be a number");
        if (!stack[ra + 1].TryToNumber(out double limit)) throw Errors.RuntimeError(t, "'for' limit must be a number");
        if (!stack[ra + 2].TryToNumber(out double step)) throw Errors.RuntimeError(t, "'for' step must be a number");
        stack[ra] = init - step;
        stack[ra + 1] = limit;
        stack[ra + 2] = step;
    }

    // ---- slow paths of the loop ----
    // An opcode's fast path (numbers, strings, tables without metatables) is in Run; everything
    // else is one of these, kept out of line so that Run stays small. Each opens a metamethod
    // slow path (BeginMetaSlowPath): the first Lua metamethod it reaches is not called nested
    // but pushed as a frame of the loop (CallMeta, PushMetamethodFrame), so that it may yield.
    // Each then stores its result in R(A) (ra) unless a frame was pushed, and Run goes to its
    // afterSlowPath, which re-enters the loop at the pushed frame.
    // They take Lua values by value: passing one of Run's locals by reference (an `in`
    // parameter) would make the JIT keep that local in memory on every path of the loop, fast
    // ones included, which costs a third of the time of float-heavy programs.

    /// <summary>GETTABLE, GETGLOBAL, SELF: obj[key] through __index (or the error); <paramref name="register"/> names obj in errors (-1: a global).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void IndexSlow(LuaThread t, LuaValue obj, LuaValue key, int register, int ra)
    {
        t.Protocol.BeginMetaSlowPath();
        var v = Metamethods.Index(t, obj, key, register);
        if (t.Protocol.EndMetaSlowPath()) t.Stack[ra] = v;
    }

    /// <summary>SETTABLE, SETGLOBAL: obj[key] = value through __newindex (or the error).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SetIndexSlow(LuaThread t, LuaValue obj, LuaValue key, LuaValue value, int register)
    {
        t.Protocol.BeginMetaSlowPath();
        Metamethods.SetIndex(t, obj, key, value, register);
        t.Protocol.EndMetaSlowPath();
    }

    /// <summary>Arithmetic on non-numbers: string coercion or metamethods (or the error).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ArithSlow(LuaThread t, uint i, LuaValue rb, LuaValue rc, int ra)
    {
        int b = B(i), c = C(i);
        var tm = (TagMethod)((int)TagMethod.Add + (Op(i) - OpCode.Add));
        t.Protocol.BeginMetaSlowPath();
        var v = Metamethods.Arith(t, tm, rb, rc, IsConstant(b) ? -1 : b, IsConstant(c) ? -1 : c);
        if (t.Protocol.EndMetaSlowPath()) t.Stack[ra] = v;
    }

    /// <summary>UNM of a non-number.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void UnmSlow(LuaThread t, LuaValue v, int register, int ra)
    {
        t.Protocol.BeginMetaSlowPath();
        var r = Metamethods.Arith(t, TagMethod.Unm, v, v, register, register);
        if (t.Protocol.EndMetaSlowPath()) t.Stack[ra] = r;
    }

    /// <summary>LEN of what is neither a table nor a string.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LengthSlow(LuaThread t, LuaValue v, int register, int ra)
    {
        t.Protocol.BeginMetaSlowPath();
        var r = Metamethods.Length(t, v, register);
        if (t.Protocol.EndMetaSlowPath()) t.Stack[ra] = r;
    }

    /// <summary>CONCAT of R(first)..R(last) into R(A): strings and numbers, or __concat.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Concat(LuaThread t, int ra, int first, int last)
    {
        t.Protocol.BeginMetaSlowPath();
        Metamethods.Concat(t, first, last);
        if (t.Protocol.EndMetaSlowPath()) t.Stack[ra] = t.Stack[first];
    }

    /// <summary>
    /// EQ, LT, LE on what is not two numbers (or, for EQ, two strings): returns the next pc, past
    /// the JMP that follows or at its target (unchanged when a metamethod frame was pushed:
    /// FinishMetamethod takes the jump then).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int CompareSlow(LuaThread t, uint i, LuaValue rb, LuaValue rc, uint[] code, int pc)
    {
        t.Protocol.BeginMetaSlowPath();
        bool truth = Op(i) switch
        {
            OpCode.Eq => Metamethods.AreEqual(t, rb, rc),
            OpCode.Lt => Metamethods.LessThan(t, rb, rc),
            _ => Metamethods.LessEqual(t, rb, rc),
        };
        if (!t.Protocol.EndMetaSlowPath()) return pc;
        return truth == (A(i) != 0) ? pc + SBx(code[pc]) + 1 : pc + 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static LuaValue RawGetSlow(LuaTable table, LuaValue key) => table.Get(key);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RawSetSlow(LuaThread t, LuaTable table, LuaValue key, LuaValue value) => Metamethods.RawSet(t, table, key, value);

    private static void SetNumberSlow(LuaTable table, double key, LuaValue value) => table.SetNumber(key, value);

}
