using LuaVm;
using LuaVm.Runtime;
using LuaVm.Vm;

namespace LuaModules.LuaSystem;

/// <summary>
/// <c>require "system"</c> on a machine without luasystem's Lua part (Debian installs it as
/// /usr/share/lua/5.1/system/init.lua, which package.path finds first): like that part, it is
/// <c>require "system.core"</c>, the same table.
/// </summary>
internal static class SystemModule
{
    /// <summary>The module's loader: returns what <c>require "system.core"</c> returns.</summary>
    public static int Open(CallContext call)
    {
        // the global require, looked up as the Lua part's chunk would (a replaced require is used)
        var require = Metamethods.Index(call.Thread, call.Thread.Globals, "require", -1);
        var results = call.State.Call(require, "system.core");
        return call.Return(results.Length > 0 ? results[0] : LuaValue.Nil);
    }
}
