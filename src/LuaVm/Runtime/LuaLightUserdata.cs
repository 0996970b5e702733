namespace LuaVm.Runtime;

/// <summary>
/// A light userdata (lua_pushlightuserdata): a bare C pointer, with no metatable of its own and
/// compared by address. Kraken has no C pointers, so the only one is <see cref="Null"/>, the
/// NULL pointer that C modules use as a sentinel (lua-cjson's <c>cjson.null</c>); being one
/// object, it is equal to itself only, as every NULL light userdata is equal in lua5.1.
/// </summary>
public sealed class LuaLightUserdata : LuaObject
{
    /// <summary>The NULL light userdata; tostring gives "userdata: (nil)" as glibc's %p does in lua5.1.</summary>
    public static readonly LuaLightUserdata Null = new();

    private LuaLightUserdata() : base(LuaType.LightUserdata) { }
}
