using LuaVm.Runtime;

namespace LuaVm.Vm;

/// <summary>Which events a debug hook wants (lua.h's LUA_MASK*).</summary>
[Flags]
internal enum HookMask : byte
{
    None = 0,
    Call = 1,
    Return = 2,
    Line = 4,
    Count = 8,
}

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
        if (!t.AllowHook) return;
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
        ref var frame = ref t.Frames[t.FrameCount - 1];
        if (frame.Closure is null) return;
        for (int n = frame.TailCalls; n > 0; n--) Call(t, "tail return", LuaValue.Nil);
    }

    private static void Call(LuaThread t, string @event, LuaValue line)
    {
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
