// The re module of LPeg 1.0.2: "LPeg.re - Regex syntax for LPEG",
// https://www.inf.puc-rio.br/~roberto/lpeg/re.html. Written in Lua on top of the lpeg module
// (ReScript.cs); a re.lua on package.path (Debian installs one) still wins over this one.
using LuaVm.Runtime;

namespace LuaModules.Lpeg;

/// <summary>luaopen_re: compiles and runs the module's Lua source.</summary>
internal static class ReModule
{
    /// <summary>Loads the module and returns its table.</summary>
    public static int Open(CallContext call)
    {
        var state = call.State;
        var chunk = state.Load(LuaString.FromLatin1(ReScript.Source).Bytes, "=re");
        var results = state.Call(chunk);
        return call.Return(results.Length > 0 ? results[0] : LuaValue.Nil);
    }
}
