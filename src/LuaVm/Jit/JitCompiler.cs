using System.Reflection;
using System.Reflection.Emit;
using OpCode = LuaVm.Bytecode.OpCode;
using System.Runtime.CompilerServices;
using LuaVm.Bytecode;
using LuaVm.Runtime;
using LuaVm.Vm;
using static LuaVm.Bytecode.Instruction;

namespace LuaVm.Jit;

/// <summary>
/// The compiling tier: turns a hot function's bytecode into a .NET method (a DynamicMethod), one
/// block of IL per instruction, that the .NET JIT compiles to machine code.
///
/// Why it is faster than the interpreter loop: there is no fetch, decode or dispatch; register
/// numbers and constants are immediates; numeric constants are folded into the arithmetic; a
/// comparison and its jump become one branch; nothing is written per instruction (the
/// interpreter saves the pc and tests for hooks on every one).
///
/// Why it is simple: registers stay in the thread's stack, exactly where the interpreter keeps
/// them, and every call pushes the frame the interpreter would, so the two tiers can hand a
/// frame to each other at any instruction and tracebacks, errors and the debug library see what
/// they always see. Compiled code does only the fast path of an instruction (numbers, tables
/// without metamethods, ...); for anything else it returns that instruction's pc and the
/// interpreter carries on from there, so it raises no error of its own and needs no debug
/// information. Calls and returns it makes itself, through Interpreter.CallFromCompiled and its
/// siblings (Interpreter.Compiled.cs), which do them as Run does: a native runs at once (its
/// errors pass through compiled code as exceptions; its yield returns <see cref="CompiledExit.Yielded"/>),
/// and a Lua callee either gets its frame and Run goes on there (<see cref="CompiledExit.Called"/>) or,
/// when it is compiled, runs at once on the .NET stack (Interpreter.CallDirect), inside
/// coroutines too: a direct callee that leaves its compiled code there is turned back into
/// ordinary heap frames and a pending exit (<see cref="ThreadProtocol.LeavePending"/>), so a yield never has .NET
/// frames to keep. The interpreter enters compiled code when a frame starts or resumes, at
/// backward jumps and after the one instruction it was left; compiled code leaves at backward
/// jumps when a hook was set or a collection is waiting, so hooks, budgets and the memory limit
/// behave as in the interpreter.
/// </summary>
internal sealed class JitCompiler
{
    /// <summary>Larger functions stay interpreted: the .NET JIT would compile them without optimizing.</summary>
    public const int MaxInstructions = 1000;

    // The method's first parameter is the constants array, bound into the delegate: a closed
    // delegate is invoked without the argument-shuffling stub an open static one needs.
    private const int ArgConstants = 0, ArgThread = 1, ArgRegisters = 2, ArgBase = 3, ArgClosure = 4, ArgPc = 5;
    private static readonly Type[] Parameters =
        [typeof(LuaValue[]), typeof(LuaThread), typeof(LuaValue).MakeByRefType(), typeof(int), typeof(LuaClosure), typeof(int)];
    private static readonly int ValueSize = Unsafe.SizeOf<LuaValue>();
    private static readonly FieldInfo NumField = typeof(LuaValue).GetField(nameof(LuaValue.Num))!;

    private readonly Proto _proto;
    private readonly ILGenerator _il;
    private readonly Label[] _at;
    private readonly Label[] _leave;
    private readonly bool[] _leaveUsed;
    private readonly LocalBuilder _int;
    /// <summary>Register 0's address; reloaded after a native call, which may have moved the stack.</summary>
    private readonly LocalBuilder _registers;
    /// <summary>
    /// The constants the method is bound to: the function's own, then those of the functions it
    /// inlined (<see cref="_constantOffset"/> says where each one's start).
    /// </summary>
    private readonly List<LuaValue> _constants;
    private readonly int _constantOffset;
    /// <summary>Where this function's registers start in the method's frame: 0, or past the CALL's A for an inlined body.</summary>
    private readonly int _registerOffset;
    /// <summary>Set when this compiler emits a function's body inlined at a caller's CALL (Inlining.cs).</summary>
    private readonly InlineSite? _site;
    /// <summary>The compiler of the method itself, which keeps what its inlined bodies share.</summary>
    private readonly JitCompiler _root;
    /// <summary>
    /// The root's own: instructions it may still inline, the inlined functions' constant
    /// offsets, and per depth of inlining the locals of the inlined closure, of whether its
    /// call's frame has been made (lazily, before a call or a CONCAT that needs it) and of the
    /// number of arguments of a vararg function called with arguments that end at Top.
    /// </summary>
    private int _inlineBudget = Inlining.Budget;
    private readonly Dictionary<Proto, int> _inlinedConstants = [];
    private readonly List<(LocalBuilder Closure, LocalBuilder FrameMade, LocalBuilder ArgCount)> _inlineLocals = [];
    private LocalBuilder? _savedTop;

    /// <summary>
    /// A CALL (or a TAILCALL, wanting all results) whose callee's body is emitted in its place:
    /// the slot of the function called (a register number of the method's frame), what the
    /// CALL wants, the caller's pc and the slot past the caller's registers, where the body's
    /// RETURN goes on, the local holding the closure, the site whose body this one is in, and
    /// for a vararg function the number of arguments (-1 otherwise), or the local that holds it
    /// when the arguments end at Top, and where its registers start past the slot (past the
    /// arguments, as PushVarargFrame lays them out; a fixed distance when their number is known
    /// only at run time, which a frame with a gap below its base describes as well).
    /// </summary>
    private sealed record InlineSite(int Slot, int Wanted, bool Tail, int CallerPc, int CallerTop, Label Done, LocalBuilder Closure, LocalBuilder FrameMade, InlineSite? Parent, int VarargArgs, LocalBuilder? ArgCount, int BaseOffset)
    {
        public int Depth => Parent is null ? 1 : Parent.Depth + 1;

        /// <summary>The sites from the method's own CALL to this one.</summary>
        public List<InlineSite> Chain()
        {
            var chain = new List<InlineSite>();
            for (var s = this; s is not null; s = s.Parent) chain.Insert(0, s);
            return chain;
        }
    }

    private JitCompiler(Proto proto, ILGenerator il)
    {
        _proto = proto;
        _il = il;
        (_at, _leave, _leaveUsed) = Labels(proto, il);
        _int = il.DeclareLocal(typeof(int));
        _registers = il.DeclareLocal(typeof(LuaValue).MakeByRefType());
        _constants = [.. proto.Constants];
        _root = this;
    }

    /// <summary>The compiler of <paramref name="callee"/>'s body inlined at <paramref name="site"/> of <paramref name="caller"/>'s code.</summary>
    private JitCompiler(JitCompiler caller, Proto callee, InlineSite site, int constantOffset)
    {
        _proto = callee;
        _il = caller._il;
        (_at, _leave, _leaveUsed) = Labels(callee, _il);
        _int = caller._int;
        _registers = caller._registers;
        _constants = caller._constants;
        _constantOffset = constantOffset;
        _registerOffset = site.Slot + site.BaseOffset;
        _site = site;
        _root = caller._root;
    }

    private static (Label[] At, Label[] Leave, bool[] LeaveUsed) Labels(Proto proto, ILGenerator il)
    {
        int n = proto.Code.Length;
        var at = new Label[n];
        var leave = new Label[n];
        for (int pc = 0; pc < n; pc++)
        {
            at[pc] = il.DefineLabel();
            leave[pc] = il.DefineLabel();
        }
        return (at, leave, new bool[n]);
    }

    /// <summary>
    /// Called when a function's countdown of calls and backward jumps reaches zero. The first
    /// time it starts the countdown at the state's threshold, in two halves: during the second,
    /// the interpreter notes what each of the function's calls calls (<see cref="Proto.CallTargets"/>),
    /// for <see cref="Inlining"/>. At the end it compiles. Returns true when the function has
    /// compiled code.
    /// </summary>
    public static bool OnHot(LuaState state, Proto p)
    {
        int threshold = state.JitThreshold;
        switch (p.HotPhase)
        {
            case 0:
                if (threshold <= 0)
                {
                    p.HotPhase = 3;
                    p.HotCountdown = int.MaxValue;
                    return false;
                }
                if (threshold == 1) break;
                p.HotPhase = 1;
                // the first half; a threshold of 2 has none, and notes its one call at once
                if ((threshold - 1) / 2 > 0)
                {
                    p.HotCountdown = (threshold - 1) / 2;
                    return false;
                }
                goto case 1;
            case 1:
                p.HotPhase = 2;
                p.HotCountdown = threshold - 1 - (threshold - 1) / 2;
                // nothing to note where nothing will be compiled (Native AOT, a function too large)
                if (RuntimeFeature.IsDynamicCodeSupported && p.Code.Length <= MaxInstructions) p.CallTargets = new object?[p.Code.Length];
                return false;
        }
        p.HotPhase = 3;
        p.HotCountdown = int.MaxValue; // compiled or not, no more counting
        try
        {
            p.Compiled ??= Compile(p);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or InvalidProgramException)
        {
            p.Compiled = null; // code this tier does not understand stays interpreted
        }
        // kept for the functions that inline this one; an interpreted one has no use for them
        if (p.Compiled is null) p.CallTargets = null;
        return p.Compiled is not null;
    }

    /// <summary>Compiles <paramref name="p"/>, or returns null when it stays interpreted.</summary>
    public static CompiledCode? Compile(Proto p)
    {
        // Native AOT and IL2CPP cannot create methods at run time: the interpreter runs alone there.
        if (!RuntimeFeature.IsDynamicCodeSupported) return null;
        if (p.Code.Length == 0 || p.Code.Length > MaxInstructions) return null;
        var method = new DynamicMethod($"lua:{p.Source}:{p.LineDefined}", typeof(int), Parameters, typeof(JitCompiler).Module, skipVisibility: true);
        var compiler = new JitCompiler(p, method.GetILGenerator());
        compiler.EmitBody();
        var constants = compiler._constants.Count == p.Constants.Length ? p.Constants : compiler._constants.ToArray();
        return (CompiledCode)method.CreateDelegate(typeof(CompiledCode), constants);
    }

    private void EmitBody()
    {
        var code = _proto.Code;
        _il.Emit(OpCodes.Ldarg, ArgRegisters);
        _il.Emit(OpCodes.Stloc, _registers);
        // enter at the requested instruction
        _il.Emit(OpCodes.Ldarg, ArgPc);
        _il.Emit(OpCodes.Switch, _at);
        _il.Emit(OpCodes.Ldarg, ArgPc);
        _il.Emit(OpCodes.Ret);
        bool rawWord = false;
        for (int pc = 0; pc < code.Length; pc++)
        {
            _il.MarkLabel(_at[pc]);
            if (rawWord)
            {
                // SETLIST's extra word is data, not an instruction; it is never entered
                rawWord = false;
                Leave(pc);
                continue;
            }
            uint i = code[pc];
            if (Op(i) == OpCode.SetList && C(i) == 0) rawWord = true;
            if (!EmitInstruction(pc, i)) Leave(pc);
        }
        _il.Emit(OpCodes.Ldc_I4, code.Length - 1);
        _il.Emit(OpCodes.Ret);
        EmitLeaves();
    }

    /// <summary>The exits of the instructions whose fast path failed: their pc, or for an inlined body its frame made (Interpreter.LeaveInlined).</summary>
    private void EmitLeaves()
    {
        for (int pc = 0; pc < _proto.Code.Length; pc++)
        {
            if (!_leaveUsed[pc]) continue;
            _il.MarkLabel(_leave[pc]);
            if (_site is { } site) EmitFramesOfInlinedCalls(site, pc);
            else _il.Emit(OpCodes.Ldc_I4, pc);
            _il.Emit(OpCodes.Ret);
        }
    }

    /// <summary>
    /// The exit of an inlined body at its <paramref name="pc"/>: the frames of the calls it is
    /// inlined in that are not made yet, outermost first, each as its call would have pushed it
    /// (each after the call to the next: Interpreter.LeaveInlined, LeaveInlinedTail), and the
    /// loop goes on with the innermost at <paramref name="pc"/> (Interpreter.LeaveAt).
    /// </summary>
    private void EmitFramesOfInlinedCalls(InlineSite innermost, int pc)
    {
        // a call whose arguments end at Top needs Top kept, which making frames moves
        uint i = _proto.Code[pc];
        bool keepTop = Op(i) is OpCode.Call or OpCode.TailCall && B(i) == 0;
        if (keepTop) SaveTop();
        var chain = innermost.Chain();
        for (int k = 0; k < chain.Count; k++)
            EmitFrameOfInlinedCall(chain[k], k + 1 < chain.Count ? chain[k + 1].CallerPc + 1 : pc);
        _il.Emit(OpCodes.Ldarg, ArgThread);
        _il.Emit(OpCodes.Ldc_I4, pc);
        if (keepTop)
        {
            _il.Emit(OpCodes.Ldloc, _root._savedTop!);
            CallInterpreter(nameof(Vm.Interpreter.LeaveAtKeepingTop));
        }
        else CallInterpreter(nameof(Vm.Interpreter.LeaveAt));
    }

    /// <summary>Keeps Top in a local (<see cref="RestoreTop"/> puts it back).</summary>
    private void SaveTop()
    {
        _root._savedTop ??= _il.DeclareLocal(typeof(int));
        _il.Emit(OpCodes.Ldarg, ArgThread);
        _il.Emit(OpCodes.Ldfld, typeof(LuaThread).GetField(nameof(LuaThread.Top))!);
        _il.Emit(OpCodes.Stloc, _root._savedTop);
    }

    private void RestoreTop()
    {
        _il.Emit(OpCodes.Ldarg, ArgThread);
        _il.Emit(OpCodes.Ldloc, _root._savedTop!);
        _il.Emit(OpCodes.Stfld, typeof(LuaThread).GetField(nameof(LuaThread.Top))!);
    }

    /// <summary>The frame of the call at <paramref name="site"/>, at <paramref name="calleePc"/>, unless it is made already.</summary>
    private void EmitFrameOfInlinedCall(InlineSite site, int calleePc)
    {
        var made = _il.DefineLabel();
        if (!site.Tail)
        {
            _il.Emit(OpCodes.Ldloc, site.FrameMade);
            _il.Emit(OpCodes.Brtrue, made);
        }
        _il.Emit(OpCodes.Ldarg, ArgThread);
        _il.Emit(OpCodes.Ldarg, ArgBase);
        _il.Emit(OpCodes.Ldc_I4, site.Slot);
        _il.Emit(OpCodes.Ldloc, site.Closure);
        _il.Emit(OpCodes.Ldc_I4, calleePc);
        if (site.Tail) CallInterpreter(nameof(Vm.Interpreter.LeaveInlinedTail));
        else
        {
            foreach (int c in (int[])[site.Wanted, site.CallerPc]) _il.Emit(OpCodes.Ldc_I4, c);
            if (site.ArgCount is { } argCount) _il.Emit(OpCodes.Ldloc, argCount);
            else _il.Emit(OpCodes.Ldc_I4, site.VarargArgs);
            _il.Emit(OpCodes.Ldc_I4, site.BaseOffset);
            CallInterpreter(nameof(Vm.Interpreter.LeaveInlined));
        }
        _il.Emit(OpCodes.Pop); // CompiledExit.Called
        if (!site.Tail)
        {
            _il.Emit(OpCodes.Ldc_I4_1);
            _il.Emit(OpCodes.Stloc, site.FrameMade);
        }
        _il.MarkLabel(made);
    }

    /// <summary>
    /// Lazy frames: before an inlined body makes an ordinary call (or a CONCAT), the frames of
    /// the calls it is inlined in are made, once, as the calls would have pushed them, so the
    /// call sees the frames it would have seen. The body then goes on in compiled code, and its
    /// RETURN pops the frame (Interpreter.PopInlined).
    /// </summary>
    private void EmitMakeFrames()
    {
        var chain = _site!.Chain();
        for (int k = 0; k < chain.Count; k++)
            EmitFrameOfInlinedCall(chain[k], k + 1 < chain.Count ? chain[k + 1].CallerPc + 1 : 0);
    }

    /// <summary>
    /// CALL A B C in an inlined body, the ordinary way, once its frames are made: as the
    /// method's own CALL, except that what would send the loop elsewhere goes on with the
    /// body's frame (Interpreter.LeaveFromInlinedCall).
    /// </summary>
    private void EmitOrdinaryCallInBody(int pc, int a, int b, int wanted)
    {
        if (b == 0) SaveTop(); // the arguments end at Top, which making frames moves
        EmitMakeFrames();
        if (b == 0) RestoreTop();
        CallInterpreter(nameof(Vm.Interpreter.CallFromCompiled), _registerOffset + a, b, wanted, _registerOffset + _proto.MaxStackSize, pc);
        var done = BranchIfDone();
        _il.Emit(OpCodes.Ldarg, ArgThread);
        _il.Emit(OpCodes.Ldloc, _int);
        CallInterpreter(nameof(Vm.Interpreter.LeaveFromInlinedCall));
        _il.Emit(OpCodes.Ret);
        _il.MarkLabel(done);
        ReloadRegisters();
    }

    /// <summary>
    /// CALL A B C at <paramref name="pc"/> when it called one to three small functions while this
    /// one warmed up (Inlining.cs): each function's body behind its guard, ending at
    /// <paramref name="done"/> with its results in place; when every guard fails, what is emitted
    /// after this runs (the ordinary call; in an inlined body, a native's call or the exit). A
    /// TAILCALL (<paramref name="tail"/>) is inlined as a call wanting all results, which the
    /// RETURN after it passes on. Inlined bodies inline their own calls in turn, up to
    /// <see cref="Inlining.MaxDepth"/>.
    /// </summary>
    private void EmitInlinedCall(int pc, int a, int b, int wanted, bool tail, Label done)
    {
        int depth = _site is null ? 1 : _site.Depth + 1;
        if (_site is { Tail: true }) return;
        foreach (var callee in CallTargets.Functions(_proto.CallTargets?[pc]))
        {
            // a recursive function inlines itself once: its base cases then cost no frame,
            // while its own calls inside stay ordinary ones (Inlining.InlinedSize)
            if (ReferenceEquals(callee, _proto) && _site is not null) continue;
            int size = Inlining.InlinedSize(callee, depth, tail, b - 1);
            if (size < 0) continue;
            // the outermost body's size counts those of the bodies inlined in it
            if (depth == 1)
            {
                if (size > _root._inlineBudget) continue;
                _root._inlineBudget -= size;
            }
            EmitInlinedBody(pc, a, b, wanted, tail, done, callee, depth);
        }
    }

    /// <summary>One function's body for <see cref="EmitInlinedCall"/>: its guard, which falls through to what follows when it fails, then the body.</summary>
    private void EmitInlinedBody(int pc, int a, int b, int wanted, bool tail, Label done, Proto callee, int depth)
    {
        var root = _root;
        root._proto.InlinedCalls++;
        if (!root._inlinedConstants.TryGetValue(callee, out int constantOffset))
        {
            constantOffset = _constants.Count;
            _constants.AddRange(callee.Constants);
            root._inlinedConstants[callee] = constantOffset;
        }
        if (root._inlineLocals.Count < depth) root._inlineLocals.Add((_il.DeclareLocal(typeof(LuaClosure)), _il.DeclareLocal(typeof(bool)), _il.DeclareLocal(typeof(int))));
        var (closure, frameMade, argCountLocal) = root._inlineLocals[depth - 1];
        int slot = _registerOffset + a;
        // a vararg function: its arguments counted here, or (B = 0) ending at Top, at most
        // Inlining.TopVarargs past its parameters, its registers then starting that far on
        bool argsAtTop = callee.IsVararg && b == 0;
        int varargArgs = !callee.IsVararg ? -1 : argsAtTop ? callee.NumParams + Inlining.TopVarargs : b - 1;
        int argSlots = callee.IsVararg ? Math.Max(varargArgs, callee.NumParams) : 0;
        var notThis = _il.DefineLabel();
        _il.Emit(OpCodes.Ldarg, ArgThread);
        Register(a);
        _il.Emit(OpCodes.Ldc_I8, callee.Id);
        _il.Emit(OpCodes.Ldarg, ArgBase);
        // a vararg function's VARARG may copy all its varargs past its registers
        _il.Emit(OpCodes.Ldc_I4, slot + 1 + argSlots + callee.MaxStackSize + Math.Max(varargArgs - callee.NumParams, 0));
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Ldc_I4, depth);
        CallInlining(nameof(Inlining.Callee));
        _il.Emit(OpCodes.Stloc, closure);
        _il.Emit(OpCodes.Ldloc, closure);
        _il.Emit(OpCodes.Brfalse, notThis);
        _il.Emit(OpCodes.Ldc_I4_0);
        _il.Emit(OpCodes.Stloc, frameMade);
        var site = new InlineSite(slot, wanted, tail, pc, _registerOffset + _proto.MaxStackSize, done, closure, frameMade, _site,
            varargArgs, argsAtTop ? argCountLocal : null, 1 + argSlots);
        var body = new JitCompiler(this, callee, site, constantOffset);
        // the frame as PushFixedFrame leaves it: missing parameters, extra arguments and the rest
        // nil (as PushVarargFrame leaves it for a vararg function)
        if (callee.IsVararg)
        {
            _il.Emit(OpCodes.Ldarg, ArgThread);
            StackIndex(slot);
            foreach (int c in (int[])[argsAtTop ? -1 : varargArgs, site.BaseOffset, callee.NumParams, callee.MaxStackSize]) _il.Emit(OpCodes.Ldc_I4, c);
            CallInlining(nameof(Inlining.VarargFrame));
            if (argsAtTop)
            {
                // more arguments than the registers' distance allows: the ordinary call
                _il.Emit(OpCodes.Dup);
                _il.Emit(OpCodes.Stloc, argCountLocal);
                _il.Emit(OpCodes.Ldc_I4_0);
                _il.Emit(OpCodes.Blt, notThis);
            }
            else _il.Emit(OpCodes.Pop);
        }
        else if (b == 0)
        {
            // the arguments end at Top (a call's or a VARARG's results before them)
            _il.Emit(OpCodes.Ldarg, ArgThread);
            StackIndex(slot);
            _il.Emit(OpCodes.Ldc_I4, callee.NumParams);
            _il.Emit(OpCodes.Ldc_I4, callee.MaxStackSize);
            CallInlining(nameof(Inlining.ClearFrame));
        }
        else
        {
            for (int r = Math.Min(b - 1, callee.NumParams); r < callee.MaxStackSize; r++)
            {
                body.Register(r);
                Call(nameof(FastPaths.SetNil));
            }
        }
        for (int calleePc = 0; calleePc < callee.Code.Length; calleePc++)
        {
            _il.MarkLabel(body._at[calleePc]);
            if (!body.EmitInstruction(calleePc, callee.Code[calleePc])) _il.Emit(OpCodes.Br, body.LeaveLabel(calleePc));
        }
        body.EmitLeaves();
        _il.MarkLabel(notThis);
        ReloadRegisters(); // a failed guard may have grown the stack (Inlining.Callee)
    }

    /// <summary>
    /// RETURN A B of an inlined body: its B - 1 results to the caller's CALL registers, adjusted
    /// to what the CALL wants (all of them ending at Top when C = 0), as PostCall moves them.
    /// </summary>
    private void EmitInlinedReturn(InlineSite site, int a, int count)
    {
        if (count < 0)
        {
            // B = 0: a native's results, ending at Top
            _il.Emit(OpCodes.Ldarg, ArgThread);
            foreach (int slot in (int[])[_registerOffset + a, site.Slot])
            {
                StackIndex(slot);
            }
            _il.Emit(OpCodes.Ldc_I4, site.Wanted);
            StackIndex(site.CallerTop);
            CallInlining(nameof(Inlining.ReturnToTop));
            EmitPopFrameIfMade(site);
            _il.Emit(OpCodes.Br, site.Done);
            return;
        }
        int moved = site.Wanted < 0 ? count : Math.Min(count, site.Wanted);
        for (int j = 0; j < moved; j++)
        {
            // the function's slot is register -1 of the inlined body
            Slot(site.Slot + j);
            Register(a + j);
            Call(nameof(FastPaths.Move));
        }
        for (int j = moved; j < site.Wanted; j++)
        {
            Slot(site.Slot + j);
            Call(nameof(FastPaths.SetNil));
        }
        if (site.Wanted < 0)
        {
            _il.Emit(OpCodes.Ldarg, ArgThread);
            StackIndex(site.Slot + count);
            _il.Emit(OpCodes.Stfld, typeof(LuaThread).GetField(nameof(LuaThread.Top))!);
        }
        EmitPopFrameIfMade(site);
        _il.Emit(OpCodes.Br, site.Done);
    }

    /// <summary>After an inlined RETURN moved its results: the body's frame goes, when it was made.</summary>
    private void EmitPopFrameIfMade(InlineSite site)
    {
        if (site.Tail) return;
        var notMade = _il.DefineLabel();
        _il.Emit(OpCodes.Ldloc, site.FrameMade);
        _il.Emit(OpCodes.Brfalse, notMade);
        _il.Emit(OpCodes.Ldarg, ArgThread);
        _il.Emit(OpCodes.Ldc_I4, site.Wanted);
        StackIndex(site.CallerTop);
        CallInterpreter(nameof(Vm.Interpreter.PopInlined));
        _il.MarkLabel(notMade);
    }

    /// <summary>Emits one instruction's fast path; false when the instruction is left to the interpreter.</summary>
    private bool EmitInstruction(int pc, uint i)
    {
        int a = A(i);
        switch (Op(i))
        {
            case OpCode.Move:
                Register(a);
                Register(B(i));
                Call(nameof(FastPaths.Move));
                return true;
            case OpCode.LoadK:
            {
                int bx = Bx(i);
                Register(a);
                if (NumberConstant(bx) is { } d)
                {
                    _il.Emit(OpCodes.Ldc_R8, d);
                    Call(nameof(FastPaths.StoreNumber));
                }
                else
                {
                    Constant(bx);
                    Call(nameof(FastPaths.Move));
                }
                return true;
            }
            case OpCode.LoadBool:
                Register(a);
                _il.Emit(B(i) != 0 ? OpCodes.Ldc_I4_1 : OpCodes.Ldc_I4_0);
                Call(nameof(FastPaths.SetBoolean));
                if (C(i) != 0) _il.Emit(OpCodes.Br, _at[pc + 2]);
                return true;
            case OpCode.LoadNil:
                for (int r = a; r <= B(i); r++)
                {
                    Register(r);
                    Call(nameof(FastPaths.SetNil));
                }
                return true;
            case OpCode.GetUpval:
            case OpCode.SetUpval:
                Register(a);
                LoadClosure();
                _il.Emit(OpCodes.Ldc_I4, B(i));
                Call(Op(i) == OpCode.GetUpval ? nameof(FastPaths.GetUpval) : nameof(FastPaths.SetUpval));
                return true;
            case OpCode.GetGlobal:
            case OpCode.SetGlobal:
                Register(a);
                LoadClosure();
                Constant(Bx(i));
                Call(Op(i) == OpCode.GetGlobal ? nameof(FastPaths.GetGlobal) : nameof(FastPaths.SetGlobal));
                LeaveIfFalse(pc);
                return true;
            case OpCode.GetTable:
            {
                int c = C(i);
                Register(a);
                Register(B(i));
                RK(c);
                Call(IsConstant(c) && _proto.Constants[ConstantIndex(c)].IsString ? nameof(FastPaths.GetField) : nameof(FastPaths.GetTable));
                LeaveIfFalse(pc);
                return true;
            }
            case OpCode.SetTable:
                Register(a);
                RK(B(i));
                RK(C(i));
                Call(nameof(FastPaths.SetTable));
                LeaveIfFalse(pc);
                return true;
            case OpCode.NewTable:
                Register(a);
                _il.Emit(OpCodes.Ldc_I4, FloatByteToInt(B(i)));
                _il.Emit(OpCodes.Ldc_I4, FloatByteToInt(C(i)));
                Call(nameof(FastPaths.NewTable));
                return true;
            case OpCode.Self:
            {
                int c = C(i);
                if (!IsConstant(c) || !_proto.Constants[ConstantIndex(c)].IsString) return false;
                Register(a);
                Register(B(i));
                Constant(ConstantIndex(c));
                _il.Emit(OpCodes.Ldarg, ArgThread);
                Call(nameof(FastPaths.Self));
                LeaveIfFalse(pc);
                return true;
            }
            case OpCode.Add:
            case OpCode.Sub:
            case OpCode.Mul:
            case OpCode.Div:
            case OpCode.Mod:
            case OpCode.Pow:
                return EmitArithmetic(pc, Op(i), a, B(i), C(i));
            case OpCode.Unm:
                if (!CheckNumber(pc, B(i))) return false;
                Register(a);
                LoadNumber(B(i));
                _il.Emit(OpCodes.Neg);
                Call(nameof(FastPaths.StoreNumber));
                return true;
            case OpCode.Not:
                Register(a);
                Register(B(i));
                Call(nameof(FastPaths.Not));
                return true;
            case OpCode.Len:
                Register(a);
                Register(B(i));
                Call(nameof(FastPaths.Length));
                LeaveIfFalse(pc);
                return true;
            case OpCode.Jmp:
            {
                int target = pc + 1 + SBx(i);
                if (target <= pc) LeaveIfHookOrCollect(pc);
                _il.Emit(OpCodes.Br, _at[target]);
                return true;
            }
            case OpCode.Eq:
                if (!EmitEqualConstant(pc, a != 0, B(i), C(i))) BranchOnComparison(nameof(FastPaths.Equal), pc, a != 0, B(i), C(i));
                return true;
            case OpCode.Lt:
            case OpCode.Le:
                EmitOrder(pc, Op(i) == OpCode.Lt, a != 0, B(i), C(i));
                return true;
            case OpCode.Test:
                Register(a);
                Call(nameof(FastPaths.IsFalsy));
                // IsFalsy == C skips the JMP that follows
                _il.Emit(C(i) != 0 ? OpCodes.Brtrue : OpCodes.Brfalse, _at[pc + 2]);
                return true;
            case OpCode.TestSet:
                Register(B(i));
                Call(nameof(FastPaths.IsFalsy));
                _il.Emit(C(i) != 0 ? OpCodes.Brtrue : OpCodes.Brfalse, _at[pc + 2]);
                Register(a);
                Register(B(i));
                Call(nameof(FastPaths.Move));
                return true;
            case OpCode.ForPrep:
                Register(a);
                Call(nameof(FastPaths.ForPrep));
                LeaveIfFalse(pc);
                _il.Emit(OpCodes.Br, _at[pc + 1 + SBx(i)]);
                return true;
            case OpCode.ForLoop:
                LeaveIfHookOrCollect(pc);
                Register(a);
                Call(nameof(FastPaths.ForLoop));
                _il.Emit(OpCodes.Brtrue, _at[pc + 1 + SBx(i)]);
                return true;
            case OpCode.Call when _site is not null:
            case OpCode.TailCall when _site is not null:
            {
                // in an inlined body: the small functions it called, inlined in turn; a native
                // with a short path in place; anything else the ordinary way (its frame made
                // first), or, at a TAILCALL, by leaving (Inlining.InlinedSize)
                var done = _il.DefineLabel();
                bool isTail = Op(i) == OpCode.TailCall;
                int wanted = isTail ? -1 : C(i) - 1;
                EmitInlinedCall(pc, a, B(i), wanted, isTail, done);
                if (_proto.CallTargets?[pc] is NativeFunction { Fast: not null })
                {
                    _il.Emit(OpCodes.Ldarg, ArgThread);
                    StackIndex(_registerOffset + a);
                    _il.Emit(OpCodes.Ldc_I4, B(i) - 1);
                    _il.Emit(OpCodes.Ldc_I4, wanted);
                    CallInlining(nameof(Inlining.CallNative));
                    _il.Emit(OpCodes.Brtrue, done);
                }
                // a TAILCALL, and any call in a body inlined at one, cannot make a frame: it leaves
                if (isTail || _site.Tail) _il.Emit(OpCodes.Br, LeaveLabel(pc));
                else EmitOrdinaryCallInBody(pc, a, B(i), wanted);
                _il.MarkLabel(done);
                return true;
            }
            case OpCode.Concat when _site is not null:
                if (_site.Tail) return false;
                EmitMakeFrames();
                CallInterpreter(nameof(Vm.Interpreter.ConcatFromCompiled), _registerOffset + a, _registerOffset + B(i), _registerOffset + C(i), pc);
                LeaveIfFalse(pc);
                return true;
            case OpCode.Call:
            {
                var done = _il.DefineLabel();
                EmitInlinedCall(pc, a, B(i), C(i) - 1, tail: false, done);
                // a native may have grown (moved) the stack
                CallInterpreter(nameof(Vm.Interpreter.CallFromCompiled), a, B(i), C(i) - 1, _proto.MaxStackSize, pc);
                ReturnUnlessDone();
                ReloadRegisters();
                _il.MarkLabel(done);
                return true;
            }
            case OpCode.TailCall:
            {
                var done = _il.DefineLabel();
                EmitInlinedCall(pc, a, B(i), -1, tail: true, done);
                // a native ran: on to the RETURN that passes its results on
                CallInterpreter(nameof(Vm.Interpreter.TailCallFromCompiled), a, B(i), pc);
                ReturnUnlessDone();
                ReloadRegisters();
                _il.MarkLabel(done);
                return true;
            }
            case OpCode.Return:
                if (_site is { } site)
                {
                    EmitInlinedReturn(site, a, B(i) - 1);
                    return true;
                }
                CallInterpreter(nameof(Vm.Interpreter.ReturnFromCompiled), a, B(i), pc);
                _il.Emit(OpCodes.Ret);
                return true;
            case OpCode.Concat:
                CallInterpreter(nameof(Vm.Interpreter.ConcatFromCompiled), a, B(i), C(i), pc);
                LeaveIfFalse(pc);
                return true;
            case OpCode.Closure:
            {
                var inner = _proto.Protos[Bx(i)];
                CallInterpreter(nameof(Vm.Interpreter.ClosureFromCompiled), a, Bx(i), pc + 1);
                // the upvalue pseudo-instructions were read by the call
                _il.Emit(OpCodes.Br, _at[pc + 1 + inner.NumUpvalues]);
                return true;
            }
            case OpCode.TForLoop:
            {
                CallInterpreter(nameof(Vm.Interpreter.TForLoopFromCompiled), a, C(i), _proto.MaxStackSize, pc);
                ReturnUnlessDone();
                ReloadRegisters(); // a native iterator ran: the stack may have moved
                // a nil first value ends the loop; otherwise on to the JMP back to the loop body
                Register(a + 3);
                Call(nameof(FastPaths.IsNil));
                _il.Emit(OpCodes.Brtrue, _at[pc + 2]);
                _il.Emit(OpCodes.Br, _at[pc + 1]);
                return true;
            }
            case OpCode.Close:
                CallInterpreter(nameof(Vm.Interpreter.CloseFromCompiled), a);
                return true;
            case OpCode.VarArg when _site is { ArgCount: { } argCount }:
            {
                // as many varargs as the call passed past the parameters (Inlining.Varargs)
                _il.Emit(OpCodes.Ldarg, ArgThread);
                StackIndex(_site.Slot + 1 + _proto.NumParams);
                _il.Emit(OpCodes.Ldloc, argCount);
                _il.Emit(OpCodes.Ldc_I4, _proto.NumParams);
                _il.Emit(OpCodes.Sub);
                StackIndex(_registerOffset + a);
                _il.Emit(OpCodes.Ldc_I4, B(i) - 1);
                CallInlining(nameof(Inlining.Varargs));
                return true;
            }
            case OpCode.VarArg when _site is not null:
            {
                // the varargs are the arguments past the fixed parameters, where the call left them;
                // all of them may reach past the frame's registers (the guard made room)
                int first = _site.Slot + 1 + _proto.NumParams;
                int count = Math.Max(_site.VarargArgs, _proto.NumParams) - _proto.NumParams;
                int wantedValues = B(i) - 1;
                int copied = wantedValues < 0 ? count : Math.Min(count, wantedValues);
                for (int j = 0; j < copied; j++)
                {
                    Slot(_registerOffset + a + j);
                    Slot(first + j);
                    Call(nameof(FastPaths.Move));
                }
                for (int j = copied; j < wantedValues; j++)
                {
                    Register(a + j);
                    Call(nameof(FastPaths.SetNil));
                }
                if (wantedValues < 0)
                {
                    _il.Emit(OpCodes.Ldarg, ArgThread);
                    StackIndex(_registerOffset + a + count);
                    _il.Emit(OpCodes.Stfld, typeof(LuaThread).GetField(nameof(LuaThread.Top))!);
                }
                return true;
            }
            case OpCode.VarArg:
                // with B = 0 the stack may grow (move)
                CallInterpreter(nameof(Vm.Interpreter.VarargFromCompiled), a, B(i) - 1, _proto.MaxStackSize, pc);
                if (B(i) == 0) ReloadRegisters();
                return true;
            case OpCode.SetList:
                // C = 0 (an extra word holds the block number) needs 25,550 items before it, far
                // more instructions than this tier compiles
                if (C(i) == 0) return false;
                CallInterpreter(nameof(Vm.Interpreter.SetListFromCompiled), a, B(i), C(i), _proto.MaxStackSize);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// LT or LE and the JMP after it: two numbers compare inline, two strings through
    /// <see cref="FastPaths.LessThan"/>; anything else (metamethods, errors) leaves.
    /// </summary>
    private void EmitOrder(int pc, bool strict, bool expected, int b, int c)
    {
        var other = _il.DefineLabel();
        if (MayBeNumber(b) && MayBeNumber(c))
        {
            foreach (int rk in (int[])[b, c])
            {
                if (IsConstant(rk)) continue;
                Register(rk);
                Call(nameof(FastPaths.IsNumber));
                _il.Emit(OpCodes.Brfalse, other);
            }
            LoadNumber(b);
            LoadNumber(c);
            var compare = strict ? OpCodes.Blt : OpCodes.Ble; // false for NaN, as in C
            if (expected)
            {
                _il.Emit(compare, _at[pc + 1]); // on to the JMP
                _il.Emit(OpCodes.Br, _at[pc + 2]);
            }
            else
            {
                _il.Emit(compare, _at[pc + 2]); // skip the JMP
                _il.Emit(OpCodes.Br, _at[pc + 1]);
            }
        }
        _il.MarkLabel(other);
        BranchOnComparison(strict ? nameof(FastPaths.LessThan) : nameof(FastPaths.LessEqual), pc, expected, b, c);
    }

    /// <summary>
    /// EQ of a register and a constant (`op == "num"`, `v == nil`, `n == 0`): one test of the
    /// register against the constant, with no metamethod to fall back to. False when neither or
    /// both operands are constants.
    /// </summary>
    private bool EmitEqualConstant(int pc, bool expected, int b, int c)
    {
        if (IsConstant(b) == IsConstant(c)) return false;
        int k = IsConstant(b) ? ConstantIndex(b) : ConstantIndex(c);
        var constant = _proto.Constants[k];
        if (!constant.IsNumber && !constant.IsNil && !constant.IsBoolean && constant.Obj is not LuaString) return false;
        Register(IsConstant(b) ? c : b);
        if (constant.IsNumber)
        {
            _il.Emit(OpCodes.Ldc_R8, constant.Num);
            Call(nameof(FastPaths.EqualNumber));
        }
        else
        {
            Constant(k);
            Call(constant.Obj is LuaString ? nameof(FastPaths.EqualString) : nameof(FastPaths.SameTag));
        }
        // equal to A goes on to the JMP that follows, the other answer skips it
        _il.Emit(expected ? OpCodes.Brfalse : OpCodes.Brtrue, _at[pc + 2]);
        return true;
    }

    /// <summary>
    /// EQ/LT/LE through a helper answering 1, 0 or <see cref="FastPaths.Slow"/>: the answer equal
    /// to A goes on to the JMP that follows, the other skips it, Slow leaves.
    /// </summary>
    private void BranchOnComparison(string helper, int pc, bool expected, int b, int c)
    {
        RK(b);
        RK(c);
        Call(helper);
        _il.Emit(OpCodes.Stloc, _int);
        _il.Emit(OpCodes.Ldloc, _int);
        _il.Emit(OpCodes.Ldc_I4, FastPaths.Slow);
        _il.Emit(OpCodes.Beq, LeaveLabel(pc));
        _il.Emit(OpCodes.Ldloc, _int);
        _il.Emit(expected ? OpCodes.Brfalse : OpCodes.Brtrue, _at[pc + 2]);
    }

    private bool MayBeNumber(int rk) => !IsConstant(rk) || NumberConstant(ConstantIndex(rk)) is not null;

    /// <summary>ADD .. POW on two numbers; a constant operand that is not a number (a string to coerce) leaves.</summary>
    private bool EmitArithmetic(int pc, OpCode op, int a, int b, int c)
    {
        if (!CheckNumber(pc, b) || !CheckNumber(pc, c)) return false;
        Register(a);
        LoadNumber(b);
        LoadNumber(c);
        switch (op)
        {
            case OpCode.Add: _il.Emit(OpCodes.Add); break;
            case OpCode.Sub: _il.Emit(OpCodes.Sub); break;
            case OpCode.Mul: _il.Emit(OpCodes.Mul); break;
            case OpCode.Div: _il.Emit(OpCodes.Div); break;
            case OpCode.Mod: Call(nameof(FastPaths.Mod)); break;
            default: _il.Emit(OpCodes.Call, typeof(Math).GetMethod(nameof(Math.Pow), [typeof(double), typeof(double)])!); break;
        }
        Call(nameof(FastPaths.StoreNumber));
        return true;
    }

    /// <summary>
    /// Leaves unless RK(<paramref name="rk"/>) is a number. Returns false when it is a constant
    /// that is not a number: the instruction is then the interpreter's.
    /// </summary>
    private bool CheckNumber(int pc, int rk)
    {
        if (IsConstant(rk)) return NumberConstant(ConstantIndex(rk)) is not null;
        Register(rk);
        Call(nameof(FastPaths.IsNumber));
        _il.Emit(OpCodes.Brfalse, LeaveLabel(pc));
        return true;
    }

    private void LoadNumber(int rk)
    {
        if (IsConstant(rk))
        {
            _il.Emit(OpCodes.Ldc_R8, NumberConstant(ConstantIndex(rk))!.Value);
            return;
        }
        Register(rk);
        _il.Emit(OpCodes.Ldfld, NumField);
    }

    private double? NumberConstant(int index)
    {
        var k = _proto.Constants[index];
        return k.IsNumber ? k.Num : null;
    }

    /// <summary>Pushes the address of register <paramref name="r"/>.</summary>
    private void Register(int r)
    {
        if ((uint)r >= (uint)_proto.MaxStackSize) throw new InvalidOperationException($"register {r} outside the frame");
        Slot(_registerOffset + r);
    }

    /// <summary>Pushes the address of the method's frame slot <paramref name="slot"/> (the compiled function's register of that number).</summary>
    private void Slot(int slot)
    {
        _il.Emit(OpCodes.Ldloc, _registers);
        if (slot == 0) return;
        _il.Emit(OpCodes.Ldc_I4, slot * ValueSize);
        _il.Emit(OpCodes.Add);
    }

    /// <summary>Pushes the address of constant <paramref name="index"/>.</summary>
    private void Constant(int index)
    {
        if ((uint)index >= (uint)_proto.Constants.Length) throw new InvalidOperationException($"constant {index} outside the table");
        _il.Emit(OpCodes.Ldarg, ArgConstants);
        _il.Emit(OpCodes.Ldc_I4, _constantOffset + index);
        _il.Emit(OpCodes.Ldelema, typeof(LuaValue));
    }

    /// <summary>Pushes the running closure: the method's own, or the one an inlined body runs for.</summary>
    private void LoadClosure()
    {
        if (_site is { } site) _il.Emit(OpCodes.Ldloc, site.Closure);
        else _il.Emit(OpCodes.Ldarg, ArgClosure);
    }

    private void RK(int rk)
    {
        if (IsConstant(rk)) Constant(ConstantIndex(rk));
        else Register(rk);
    }

    /// <summary>Register 0's address again, from the thread's stack (after a call that may have reallocated it).</summary>
    private void ReloadRegisters()
    {
        _il.Emit(OpCodes.Ldarg, ArgThread);
        _il.Emit(OpCodes.Ldfld, typeof(LuaThread).GetField(nameof(LuaThread.Stack))!);
        _il.Emit(OpCodes.Ldarg, ArgBase);
        _il.Emit(OpCodes.Ldelema, typeof(LuaValue));
        _il.Emit(OpCodes.Stloc, _registers);
    }

    /// <summary>Calls one of Interpreter.Compiled.cs's helpers with the thread, the frame's base and <paramref name="constants"/>.</summary>
    private void CallInterpreter(string helper, params int[] constants)
    {
        _il.Emit(OpCodes.Ldarg, ArgThread);
        _il.Emit(OpCodes.Ldarg, ArgBase);
        foreach (int c in constants) _il.Emit(OpCodes.Ldc_I4, c);
        CallInterpreter(helper);
    }

    /// <summary>Pushes the stack index of the method's frame slot <paramref name="slot"/> (the frame's base plus it).</summary>
    private void StackIndex(int slot)
    {
        _il.Emit(OpCodes.Ldarg, ArgBase);
        _il.Emit(OpCodes.Ldc_I4, slot);
        _il.Emit(OpCodes.Add);
    }

    private void CallInlining(string helper) => _il.Emit(OpCodes.Call, typeof(Inlining).GetMethod(helper)!);

    private void CallInterpreter(string helper) =>
        _il.Emit(OpCodes.Call, typeof(Vm.Interpreter).GetMethod(helper, BindingFlags.NonPublic | BindingFlags.Static)!);

    /// <summary>Returns the helper's result from compiled code unless it is <see cref="CompiledExit.CallDone"/>.</summary>
    private void ReturnUnlessDone()
    {
        var done = BranchIfDone();
        _il.Emit(OpCodes.Ldloc, _int);
        _il.Emit(OpCodes.Ret);
        _il.MarkLabel(done);
    }

    /// <summary>Keeps the helper's result in <see cref="_int"/> and branches to the label returned (not yet marked) when it is <see cref="CompiledExit.CallDone"/>.</summary>
    private Label BranchIfDone()
    {
        var done = _il.DefineLabel();
        _il.Emit(OpCodes.Stloc, _int);
        _il.Emit(OpCodes.Ldloc, _int);
        _il.Emit(OpCodes.Ldc_I4, CompiledExit.CallDone);
        _il.Emit(OpCodes.Beq, done);
        return done;
    }

    private void Call(string helper) =>
        _il.Emit(OpCodes.Call, typeof(FastPaths).GetMethod(helper, BindingFlags.Public | BindingFlags.Static)!);

    private Label LeaveLabel(int pc)
    {
        _leaveUsed[pc] = true;
        return _leave[pc];
    }

    private void Leave(int pc)
    {
        _il.Emit(OpCodes.Ldc_I4, pc);
        _il.Emit(OpCodes.Ret);
    }

    private void LeaveIfFalse(int pc) => _il.Emit(OpCodes.Brfalse, LeaveLabel(pc));

    /// <summary>At a backward jump: a hook set or a collection waiting sends the frame back to the interpreter, before the jump.</summary>
    private void LeaveIfHookOrCollect(int pc)
    {
        _il.Emit(OpCodes.Ldarg, ArgThread);
        Call(nameof(FastPaths.MustLeave));
        _il.Emit(OpCodes.Brtrue, LeaveLabel(pc));
    }
}
