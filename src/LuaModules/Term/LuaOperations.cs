using LuaVm.Runtime;
using LuaVm.Vm;

namespace LuaModules.Term;

/// <summary>
/// What lua-term's Lua parts do with plain Lua operators (indexing, calls, <c>..</c>, require),
/// done from C# with the same metamethods, so that the built-in stand-ins behave like those parts.
/// </summary>
internal static class LuaOperations
{
    /// <summary><c>obj[key]</c> with __index.</summary>
    public static LuaValue Index(CallContext call, in LuaValue obj, string key) =>
        Metamethods.Index(call.Thread, obj, key, -1);

    /// <summary><c>obj[key] = value</c> with __newindex.</summary>
    public static void SetIndex(CallContext call, in LuaValue obj, string key, in LuaValue value) =>
        Metamethods.SetIndex(call.Thread, obj, key, value, -1);

    /// <summary>A global, looked up as a Lua chunk loaded now would (the thread's globals, with __index).</summary>
    public static LuaValue Global(CallContext call, string name) => Index(call, call.Thread.Globals, name);

    /// <summary>The first result of a call (nil when there is none), as <c>local x = f(...)</c> takes it.</summary>
    public static LuaValue CallFirst(CallContext call, in LuaValue function, params LuaValue[] args)
    {
        var results = call.State.Call(function, args);
        return results.Length > 0 ? results[0] : LuaValue.Nil;
    }

    /// <summary><c>require(name)</c> with the global require, as the Lua parts call it.</summary>
    public static LuaValue Require(CallContext call, string name) => CallFirst(call, Global(call, "require"), name);

    /// <summary>
    /// <c>a .. b</c>: strings and numbers are joined (numbers as tostring writes them), anything
    /// else goes to the __concat metamethod of <paramref name="a"/>, else of <paramref name="b"/>.
    /// </summary>
    public static LuaValue Concat(CallContext call, in LuaValue a, in LuaValue b)
    {
        if ((a.IsString || a.IsNumber) && (b.IsString || b.IsNumber))
            return LuaString.Concat(a.ToLuaStringCoerced()!, b.ToLuaStringCoerced()!);
        var handler = Metamethods.GetByObject(call.State, a, TagMethod.Concat);
        if (handler.IsNil) handler = Metamethods.GetByObject(call.State, b, TagMethod.Concat);
        if (handler.IsNil) throw call.Error($"attempt to concatenate a {(a.IsString || a.IsNumber ? b : a).TypeName()} value");
        return CallFirst(call, handler, a, b);
    }
}
