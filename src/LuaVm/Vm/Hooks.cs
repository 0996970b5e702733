using LuaVm.Runtime;

namespace LuaVm.Vm;

/// <summary>
/// debug.sethook's hooks (ldo.c's luaD_callhook and lvm.c's traceexec): count hooks every N
/// instructions, line hooks on a new line or a backward jump, call and return hooks. A hook is
/// an ordinary Lua function called with the event name (and the line); hooks are off while it runs.
/// </summary>
internal static class Hooks
{
    /// <summary>Called by the loop before executing the instruction at <paramref name="pc"/> of frame <paramref name="fi"/>.</summary>
    public static void BeforeInstruction(LuaThread t, int fi, int pc)
    {
        if ((t.HookMask & HookMask.Interrupt) != 0) CheckInterrupt(t, fi, pc);
        if ((t.HookMask & HookMask.Budget) != 0 && !t.State.SpendInstructions(1)) throw BudgetExceeded(t, fi, pc);
        if (!t.AllowHook || (t.HookMask & HookMask.DebugHooks) == 0) return;
        ref CallFrame f = ref t.Frames[fi];
        int previous = f.SavedPc - 1; // the instruction executed before this one in this frame
        f.SavedPc = pc + 1;
        if ((t.HookMask & HookMask.Count) != 0 && --t.HookCounter <= 0)
        {
            t.HookCounter = t.HookCount;
            Call(t, "count", LuaValue.Nil);
        }
        if ((t.HookMask & HookMask.Line) != 0)
        {
            var p = t.Frames[fi].Closure!.Proto;
            int line = p.GetLine(pc);
            if (pc == 0 || pc <= previous || line != p.GetLine(previous))
                Call(t, "line", line);
        }
    }

    /// <summary>
    /// Beyond 5.1: long-running native work (the pattern matcher's backtracking) counts toward
    /// the count hook, <paramref name="units"/> instructions at a time, so an instruction budget
    /// set with debug.sethook also stops a catastrophic pattern (lua5.1 never hooks inside C).
    /// </summary>
    public static void ChargeNativeWork(LuaThread t, int units)
    {
        PollInterrupt(t);
        if ((t.HookMask & HookMask.Budget) != 0 && !t.State.SpendInstructions(units))
            throw new LuaException(LuaString.FromLatin1("instruction budget exceeded"));
        if (!t.AllowHook || (t.HookMask & HookMask.Count) == 0) return;
        t.HookCounter -= units;
        if (t.HookCounter > 0) return;
        t.HookCounter = t.HookCount;
        Call(t, "count", LuaValue.Nil);
    }

    /// <summary>For native loops that can run long (table.concat): raises a pending interrupt's error.</summary>
    public static void PollInterrupt(LuaThread t)
    {
        if ((t.HookMask & HookMask.Interrupt) != 0 && t.State.InterruptMessage is { } message)
            throw Errors.RuntimeError(t, LuaString.Utf8ByteChars(message)); // the embedder's .NET text: its UTF-8 bytes
    }

    /// <summary>
    /// Raises the pending interrupt's error at the instruction about to run. The flag stays, so
    /// the next instruction raises it again (a pcall cannot keep the code going) until the host
    /// clears the interrupt; a flag left from a cleared interrupt is dropped here.
    /// </summary>
    private static void CheckInterrupt(LuaThread t, int fi, int pc)
    {
        if (t.State.InterruptMessage is not { } message)
        {
            t.HookMask &= ~HookMask.Interrupt;
            return;
        }
        t.Frames[fi].SavedPc = pc + 1;
        throw Errors.RuntimeError(t, LuaString.Utf8ByteChars(message)); // the embedder's .NET text: its UTF-8 bytes
    }

    /// <summary>The budget's error, with the position of the instruction that found it spent.</summary>
    private static LuaException BudgetExceeded(LuaThread t, int fi, int pc)
    {
        t.Frames[fi].SavedPc = pc + 1;
        return Errors.RuntimeError(t, "instruction budget exceeded");
    }

    /// <summary>The "call" and "return" events.</summary>
    public static void OnCall(LuaThread t)
    {
        if (t.AllowHook && (t.HookMask & HookMask.Call) != 0) Call(t, "call", LuaValue.Nil);
    }

    public static void OnReturn(LuaThread t)
    {
        if (!t.AllowHook || (t.HookMask & HookMask.Return) == 0) return;
        Call(t, "return", LuaValue.Nil);
        // the tail calls collapsed into a Lua frame return too, one "tail return" each (ldo.c's callrethooks)
        // (the count goes down as they are reported, so getinfo inside the hook names the
        // function only at the last one, as lua5.1's ci->tailcalls-- does)
        int index = t.FrameCount - 1;
        if (t.Frames[index].Closure is null) return;
        for (int n = t.Frames[index].TailCalls; n > 0; n--)
        {
            t.Frames[index].TailCalls = n - 1;
            Call(t, "tail return", LuaValue.Nil);
        }
    }

    private static void Call(LuaThread t, string @event, LuaValue line)
    {
        if (t.Hook.IsNil) return; // a mask inherited by a new coroutine, without a function
        t.AllowHook = false;
        int top = t.Top;
        try
        {
            Interpreter.CallMeta(t, t.Hook, @event, line, results: 0);
        }
        finally
        {
            t.AllowHook = true;
            t.Top = top;
        }
    }
}
