namespace LuaVm;

/// <summary>Which .NET objects Lua code may look into (<see cref="LuaState.InteropMode"/>).</summary>
public enum LuaInteropMode
{
    /// <summary>
    /// Any .NET object passed to Lua exposes its public members, as if its type had been
    /// registered with default options the first time it crossed (as NLua does). For trusted
    /// scripts.
    /// </summary>
    Automatic,

    /// <summary>
    /// Only types registered with <see cref="LuaState.RegisterType{T}(LuaTypeOptions?)"/> are
    /// exposed, and each registration must name its members in <see cref="LuaTypeOptions.Members"/>.
    /// Objects of other types reach Lua as opaque userdata: Lua can hold and pass them back, not
    /// look inside. For sandboxes.
    /// </summary>
    AllowList,
}
