namespace LuaVm;

/// <summary>How <see cref="LuaState.RegisterType{T}(LuaTypeOptions?)"/> exposes a type.</summary>
public sealed class LuaTypeOptions
{
    /// <summary>
    /// The global that holds the type table (constructors, static members, enum values); by
    /// default the type's name without generic arity (<c>Point</c>). Null or empty: no global
    /// (instances are still exposed when they reach Lua).
    /// </summary>
    public string? GlobalName { get; init; }

    /// <summary>
    /// Whether to set the global at all. False exposes instances only (the type table is still
    /// returned by <see cref="LuaState.RegisterType{T}(LuaTypeOptions?)"/>).
    /// </summary>
    public bool CreateGlobal { get; init; } = true;

    /// <summary>
    /// The allow-list: when set, only these .NET member names are reachable (instance and
    /// static members, events, operators such as <c>op_Addition</c>, <c>ToString</c> for
    /// tostring, <c>Item</c> for the indexer); <c>new</c> allows the constructors. Required in <see cref="LuaInteropMode.AllowList"/>
    /// mode. Null: every public member not marked <see cref="LuaHiddenAttribute"/>.
    /// </summary>
    public IReadOnlyCollection<string>? Members { get; init; }
}
