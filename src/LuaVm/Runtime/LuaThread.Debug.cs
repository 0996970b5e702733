using LuaVm.Vm;

namespace LuaVm.Runtime;

public sealed partial class LuaThread
{
    /// <summary>
    /// "chunk:line: " for the function at call level <paramref name="level"/> (0 = the running
    /// function, 1 = its caller), or "" when that is not a Lua function (luaL_where).
    /// </summary>
    public string Where(int level)
    {
        int i = FrameCount - 1 - level;
        if (i < 0) return "";
        return DebugInfo.Where(Frames[i]);
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
    public string Traceback(int level) => FrameCount - 1 - level < 0 ? "stack traceback:" : DebugInfo.Traceback(this, FrameCount - 1 - level);
}
