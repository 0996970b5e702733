using System.Runtime.CompilerServices;
using LuaVm.Bytecode;
using LuaVm.Runtime;
using LuaVm.Vm;
using static LuaVm.Bytecode.Instruction;

namespace LuaVm.Jit;

/// <summary>
/// Inlining of small Lua functions into the compiled code of their callers: a CALL that called
/// one small function (or two or three) while its caller was warming up
/// (<see cref="Proto.CallTargets"/>, noted by Vm/CallTargets.cs) gets that function's body in
/// place of the call, behind a guard on the function's prototype (<see cref="Callee"/>). A call
/// then costs no frame, no helper call and no delegate call, which is most of what a call to a
/// small function costs (`x + 1`: 44 against 29 ns in lua5.1 per loop iteration with the call).
/// <para>
/// The body runs without a frame as long as nothing could see it missing: it computes, calls
/// the small functions it inlines in turn, and natives with a short path that needs no frame
/// (<see cref="NativeFunction.Fast"/>: setmetatable, type, math.floor, string.sub...). No hook
/// runs (the guard takes the ordinary call when one is set), no collection, and no error
/// (compiled code raises none). Before it makes any other call, its frame is made (lazily, by
/// JitCompiler), so that what it calls sees every frame it would have seen. When a fast path in
/// the body fails (a metamethod, an error, a coercion, a native that declines), the frames not
/// made yet are made then, at that instruction (Interpreter.LeaveInlined), and the interpreter
/// goes on from there exactly as if the call had been made: tracebacks, errors and the debug
/// library see what they always see.
/// </para>
/// </summary>
internal static class Inlining
{
    /// <summary>The largest function inlined: a method, an accessor or a constructor, not an algorithm.</summary>
    public const int MaxInstructions = 24;

    /// <summary>How many instructions one compiled function inlines in all, so that the .NET JIT still optimizes it.</summary>
    public const int Budget = 240;

    /// <summary>How deep inlined bodies inline the small functions they call in turn.</summary>
    public const int MaxDepth = 3;

    /// <summary>
    /// How many instructions inlining <paramref name="p"/> at a call <paramref name="depth"/>
    /// deep with <paramref name="nargs"/> arguments (-1: as many as end at Top) emits, its own
    /// and those of the functions it inlines in turn; -1 when it cannot stand in for a call to
    /// it. It can with a few instructions, no backward jumps or closures, and returns of a fixed
    /// number of values or of a call's (or VARARG's) results; a vararg function only at a CALL
    /// (not a TAILCALL) and without 5.0's `arg` table. Its calls inline the small functions
    /// they called while it warmed up, in turn, and make any other call the ordinary way once
    /// its frame is made (JitCompiler's lazy frames); its TAILCALLs must have called natives
    /// with a short path or small functions. A
    /// body inlined at a TAILCALL never makes its frame (it would replace its caller's): it calls
    /// only natives with a short path, and has no CONCAT.
    /// </summary>
    public static int InlinedSize(Proto p, int depth, bool tail, int nargs)
    {
        if (p.Code.Length == 0 || p.Code.Length > MaxInstructions || depth > MaxDepth) return -1;
        if (p.IsVararg && (tail || p.NeedsArgTable)) return -1;
        var code = p.Code;
        int size = code.Length;
        for (int pc = 0; pc < code.Length; pc++)
        {
            uint i = code[pc];
            switch (Op(i))
            {
                case OpCode.Move: case OpCode.LoadK: case OpCode.LoadBool: case OpCode.LoadNil:
                case OpCode.GetUpval: case OpCode.SetUpval: case OpCode.GetGlobal: case OpCode.SetGlobal:
                case OpCode.GetTable: case OpCode.SetTable: case OpCode.NewTable: case OpCode.Self:
                case OpCode.Add: case OpCode.Sub: case OpCode.Mul: case OpCode.Div: case OpCode.Mod: case OpCode.Pow:
                case OpCode.Unm: case OpCode.Not: case OpCode.Len:
                case OpCode.Eq: case OpCode.Lt: case OpCode.Le: case OpCode.Test: case OpCode.TestSet:
                    break;
                case OpCode.Concat:
                    if (tail) return -1;
                    break;
                case OpCode.VarArg:
                    // all of them only straight into a call or a RETURN, which take them from Top
                    if (B(i) == 0 && (pc + 1 >= code.Length || Op(code[pc + 1]) is not (OpCode.Call or OpCode.TailCall or OpCode.Return) || B(code[pc + 1]) != 0)) return -1;
                    break;
                case OpCode.Jmp:
                    if (SBx(i) < 0) return -1;
                    break;
                case OpCode.Call:
                case OpCode.TailCall:
                {
                    // arguments that end at Top only from the VARARG or call just before (set in
                    // the body); all results only straight into a RETURN (a TAILCALL's are, always)
                    if (B(i) == 0 && !EndsAtTop(code, pc - 1)) return -1;
                    if (C(i) == 0 && (pc + 1 >= code.Length || Op(code[pc + 1]) != OpCode.Return || B(code[pc + 1]) != 0)) return -1;
                    bool isTail = Op(i) == OpCode.TailCall;
                    var noted = p.CallTargets?[pc];
                    if (noted is NativeFunction { Fast: not null }) break;
                    if (tail) return -1;
                    int inlined = 0;
                    foreach (var f in CallTargets.Functions(noted))
                    {
                        int inner = ReferenceEquals(f, p) ? -1 : InlinedSize(f, depth + 1, isTail, B(i) - 1);
                        if (inner < 0)
                        {
                            // an ordinary call then, which a TAILCALL cannot make
                            if (isTail) return -1;
                            continue;
                        }
                        inlined += inner;
                    }
                    if (isTail && inlined == 0) return -1;
                    size += inlined;
                    break;
                }
                case OpCode.Return:
                    if (B(i) == 0 && !EndsAtTop(code, pc - 1)) return -1;
                    break;
                default:
                    return -1;
            }
        }
        return size;
    }

    /// <summary>Whether the instruction at <paramref name="pc"/> leaves values ending at Top (a VARARG or a call wanting them all).</summary>
    private static bool EndsAtTop(uint[] code, int pc) => pc >= 0 && Op(code[pc]) switch
    {
        OpCode.VarArg => B(code[pc]) == 0,
        OpCode.Call => C(code[pc]) == 0,
        OpCode.TailCall => true,
        _ => false,
    };

    /// <summary>
    /// The guard before an inlined body: the closure to run when <paramref name="f"/> is a
    /// closure of the inlined prototype and the call needs nothing the ordinary call does (no
    /// hook to call, frames free for the case the body has to leave, one for each call it is
    /// inlined in, and the stack room its registers take); null when the ordinary call must be made.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaClosure? Callee(LuaThread t, in LuaValue f, long protoId, int stackNeeded, int depth)
    {
        if (f.Obj is LuaClosure c && c.Proto.Id == protoId && t.HookMask == 0)
        {
            if (stackNeeded <= t.Stack.Length && t.FrameCount + depth <= t.Frames.Length) return c;
            return MakeRoom(t, c, stackNeeded, depth);
        }
        return null;
    }

    /// <summary>
    /// <see cref="Callee"/> without the room its body needs, which may be more than the ordinary
    /// call's (a frame for each call it is inlined in, registers past the largest count of
    /// arguments): made now. New frames change nothing the body holds, so it runs; a new stack
    /// moves its registers, so this call is made the ordinary way (compiled code reloads its
    /// registers when a guard fails) and the next ones find the room.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static LuaClosure? MakeRoom(LuaThread t, LuaClosure c, int stackNeeded, int depth)
    {
        if (!t.MakeRoomForFrames(depth)) return null;
        if (stackNeeded <= t.Stack.Length) return c;
        if (stackNeeded <= LuaThread.MaxStackSize) t.EnsureStackSize(stackNeeded);
        return null;
    }

    /// <summary>How many varargs an inlined vararg function called with arguments that end at Top may take (<see cref="VarargFrame"/>).</summary>
    public const int TopVarargs = 8;

    /// <summary>
    /// For an inlined call of a vararg function with <paramref name="nargs"/> arguments (-1:
    /// as many as end at Top, `f(...)`): its registers, which start <paramref name="baseOffset"/>
    /// past the function's slot, as PushVarargFrame leaves them (the fixed parameters moved
    /// there, nil where they were; the arguments past them stay where they are as the varargs;
    /// the rest nil), without the frame. Past the arguments where they are counted; a fixed
    /// distance where they end at Top, the slots between the varargs and the registers then not
    /// the function's to see. Returns the number of arguments, or -1, changing nothing, when they
    /// are too many for that distance (the ordinary call is made then).
    /// </summary>
    public static int VarargFrame(LuaThread t, int func, int nargs, int baseOffset, int numParams, int maxStack)
    {
        if (nargs < 0)
        {
            nargs = t.Top - func - 1;
            if (nargs > baseOffset - 1) return -1;
        }
        var stack = t.Stack;
        int @base = func + baseOffset;
        Interpreter.LayOutVarargsAt(stack, func, nargs, numParams, @base);
        for (int r = @base + numParams; r < @base + maxStack; r++) stack[r] = default;
        return nargs;
    }

    /// <summary>
    /// VARARG A B in a body inlined with its arguments ending at Top (<see cref="VarargFrame"/>): the <paramref name="count"/>
    /// varargs at <paramref name="first"/> (none when negative) to <paramref name="dest"/>, as
    /// many as <paramref name="wanted"/> (all of them, ending at Top, when negative).
    /// </summary>
    public static void Varargs(LuaThread t, int first, int count, int dest, int wanted) =>
        Interpreter.CopyVarargValues(t, first, Math.Max(count, 0), dest, wanted);

    /// <summary>
    /// For an inlined call whose arguments end at Top (B = 0): the registers past the arguments
    /// that are parameters, and the rest of the frame, become nil, as PushFixedFrame leaves them.
    /// </summary>
    public static void ClearFrame(LuaThread t, int func, int numParams, int maxStack)
    {
        var stack = t.Stack;
        int @base = func + 1;
        for (int r = @base + Math.Min(t.Top - @base, numParams); r < @base + maxStack; r++) stack[r] = default;
    }

    /// <summary>
    /// CALL or TAILCALL of a native inside an inlined body (<paramref name="nargs"/> negative:
    /// the arguments end at Top): its short path, with its
    /// results at <paramref name="func"/> adjusted to <paramref name="wanted"/> (all of them
    /// ending at Top when negative). False when the value called is not a native with a short
    /// path or the short path declines: the body then leaves, and the interpreter makes the call.
    /// </summary>
    public static bool CallNative(LuaThread t, int func, int nargs, int wanted) =>
        t.Stack[func].Obj is NativeFunction { Fast: not null } nf && Interpreter.TryFastCall(t, nf, func, nargs + 1, wanted);

    /// <summary>
    /// RETURN A 0 of an inlined body, after a native's call: the values from <paramref name="first"/>
    /// to Top go to <paramref name="func"/>, adjusted to <paramref name="wanted"/> as PostCall
    /// adjusts them; Top then ends the results, or is the caller's frame top again.
    /// </summary>
    public static void ReturnToTop(LuaThread t, int first, int func, int wanted, int callerTop)
    {
        int count = t.Top - first;
        Interpreter.MoveResults(t.Stack, first, count, func, wanted);
        t.Top = wanted < 0 ? func + count : callerTop;
    }
}
