namespace LuaVm.Runtime;

public sealed partial class LuaThread
{
    /// <summary>
    /// "chunk:line: " for the Lua function at call level <paramref name="level"/> (1 = the function
    /// that called the running native function), or "" when that is not a Lua function (luaL_where).
    /// </summary>
    public string Where(int level)
    {
        // Filled in by the VM's call-frame code (Vm/): until frames exist, no position is known.
        _ = level;
        return "";
    }

    /// <summary>
    /// The name under which the running native function was called, and whether it was a method
    /// call, found from the calling instruction as lua5.1's getfuncname does.
    /// </summary>
    public (string Name, bool IsMethod) CurrentFunctionName(NativeFunction running) => (running.Name, false);
}
