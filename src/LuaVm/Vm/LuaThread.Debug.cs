using LuaVm.Vm;

namespace LuaVm.Runtime;

// LuaThread's debug queries (lua_getstack, luaL_where, the traceback): public members of the
// thread, kept here in Vm/ because they read the frames as the VM's DebugInfo does (Runtime/
// knows nothing of the VM). The thread's data is in Runtime/LuaThread*.cs, its VM protocol state
// in Vm/LuaThread.Protocol.cs.
public sealed partial class LuaThread
{
    /// <summary>
    /// "chunk:line: " for the function at call level <paramref name="level"/> (0 = the running
    /// function, 1 = its caller), or "" when that is not a Lua function (luaL_where).
    /// </summary>
    public string Where(int level)
    {
        int i = FrameAtLevel(level, out _);
        if (i < 0) return "";
        return DebugInfo.Where(Frames[i]);
    }

    /// <summary>
    /// lua_getstack: the frame at call level <paramref name="level"/> (0 = the running function).
    /// Tail calls collapsed into a Lua frame count as levels of their own, below it, as in
    /// lua5.1; a level that lands on one gives -1 with <paramref name="tailCall"/> set. -1
    /// without it: no such level.
    /// </summary>
    internal int FrameAtLevel(int level, out bool tailCall)
    {
        tailCall = false;
        if (level < 0) return -1;
        int i = WalkLevels(ref level);
        if (level == 0 && i >= 0) return i;
        tailCall = level < 0;
        return -1;
    }

    /// <summary>
    /// Goes down <paramref name="level"/> call levels from the running function (tail calls are
    /// levels of their own): the frame index reached (-1 below the first frame), with what is
    /// left of the level (negative inside a frame's tail calls).
    /// </summary>
    private int WalkLevels(ref int level)
    {
        int i = FrameCount - 1;
        while (level > 0 && i >= 0)
        {
            level--;
            if (Frames[i].Closure is not null) level -= Frames[i].TailCalls;
            i--;
        }
        return i;
    }

    /// <summary>
    /// True when <paramref name="level"/> is just below the main thread's first frame: the C
    /// code that called the main chunk (lua.c's, or the embedder's), which tracebacks show as
    /// "[C]: ?" and lua5.1's getinfo reports as a C function.
    /// </summary>
    internal bool IsHostLevel(int level)
    {
        if (!ReferenceEquals(this, State.MainThread) || level < 0) return false;
        return WalkLevels(ref level) < 0 && level == 0;
    }

    /// <summary>
    /// The name under which the running native function was called, and whether it was a method
    /// call, found from the calling instruction as lua5.1's getfuncname does.
    /// </summary>
    public (string Name, bool IsMethod) CurrentFunctionName(NativeFunction running)
    {
        var name = FrameCount > 0 ? DebugInfo.CalledAs(this, FrameCount - 1) : null;
        if (name is null) return ("?", false);
        return (name.Value.Name, name.Value.Kind == "method");
    }

    /// <summary>The traceback of this thread ("stack traceback:\n\t..."), from call level <paramref name="level"/>.</summary>
    public string Traceback(int level) =>
        FrameCount == 0 ? "stack traceback:" : DebugInfo.Traceback(this, FrameCount - 1, skipLevels: level);
}
