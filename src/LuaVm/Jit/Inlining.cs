using System.Runtime.CompilerServices;
using LuaVm.Bytecode;
using LuaVm.Runtime;
using static LuaVm.Bytecode.Instruction;

namespace LuaVm.Jit;

/// <summary>
/// Inlining of small Lua functions into the compiled code of their callers: a CALL that called
/// one and the same small function while its caller was warming up (<see cref="Proto.CallTargets"/>)
/// gets that function's body in place of the call, behind a guard (<see cref="Callee"/>). A call
/// then costs no frame, no helper call and no delegate call, which is most of what a call to a
/// small function costs (`x + 1`: 44 against 29 ns in lua5.1 per loop iteration with the call).
/// <para>
/// Only functions that can neither call, nor loop, nor be seen from inside are inlined
/// (<see cref="IsInlinable"/>): nothing can observe that their frame is missing, because nothing
/// runs while their body does (no call, no hook: the guard takes the ordinary call when one is
/// set, no collection, no error: compiled code raises none). When a fast path in the inlined
/// body fails (a metamethod, an error, a coercion), the frame the call would have pushed is made
/// then, at that instruction (Interpreter.LeaveInlined), and the interpreter goes on from there
/// exactly as if the call had been made: tracebacks, errors and the debug library see what they
/// always see.
/// </para>
/// </summary>
internal static class Inlining
{
    /// <summary>The largest function inlined: a method or an accessor, not an algorithm.</summary>
    public const int MaxInstructions = 24;

    /// <summary>How many instructions one compiled function inlines in all, so that the .NET JIT still optimizes it.</summary>
    public const int Budget = 240;

    /// <summary>The interpreter's note of what CALL at <paramref name="pc"/> called (while <see cref="Proto.CallTargets"/> exists).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NoteTarget(Proto?[] targets, int pc, Proto callee)
    {
        var seen = targets[pc];
        if (ReferenceEquals(seen, callee)) return;
        targets[pc] = seen is null ? callee : Proto.ManyTargets;
    }

    /// <summary>
    /// Whether <paramref name="p"/>'s body can stand in for a call to it: fixed parameters, a
    /// few instructions, no calls, closures, varargs or concatenations (whose helpers work on the
    /// top frame), no backward jumps, and returns of a fixed number of values.
    /// </summary>
    public static bool IsInlinable(Proto p)
    {
        if (p.IsVararg || p.Code.Length == 0 || p.Code.Length > MaxInstructions) return false;
        for (int pc = 0; pc < p.Code.Length; pc++)
        {
            uint i = p.Code[pc];
            switch (Op(i))
            {
                case OpCode.Move: case OpCode.LoadK: case OpCode.LoadBool: case OpCode.LoadNil:
                case OpCode.GetUpval: case OpCode.SetUpval: case OpCode.GetGlobal: case OpCode.SetGlobal:
                case OpCode.GetTable: case OpCode.SetTable: case OpCode.NewTable: case OpCode.Self:
                case OpCode.Add: case OpCode.Sub: case OpCode.Mul: case OpCode.Div: case OpCode.Mod: case OpCode.Pow:
                case OpCode.Unm: case OpCode.Not: case OpCode.Len:
                case OpCode.Eq: case OpCode.Lt: case OpCode.Le: case OpCode.Test: case OpCode.TestSet:
                    break;
                case OpCode.Jmp:
                    if (SBx(i) < 0) return false;
                    break;
                case OpCode.Return:
                    if (B(i) == 0) return false;
                    break;
                default:
                    return false;
            }
        }
        return true;
    }

    /// <summary>
    /// The guard before an inlined body: the closure to run when <paramref name="f"/> is a
    /// closure of the inlined prototype and the call needs nothing the ordinary call does (no
    /// hook to call, a frame free for the case the body has to leave, and the stack room its
    /// registers take); null when the ordinary call must be made.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LuaClosure? Callee(LuaThread t, in LuaValue f, long protoId, int stackNeeded)
    {
        if (f.Obj is LuaClosure c && c.Proto.Id == protoId && t.HookMask == 0 && t.FrameCount < t.Frames.Length && stackNeeded <= t.Stack.Length)
            return c;
        return null;
    }

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
}
