namespace LuaVm;

/// <summary>
/// Keeps a public member (property, field, method, constructor, event) or a whole type out of
/// Lua's reach when its type is exposed with <see cref="LuaState.RegisterType{T}(LuaTypeOptions?)"/>
/// or passed to Lua: reading it raises the same error as a member that does not exist.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Method | AttributeTargets.Constructor
    | AttributeTargets.Event | AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface | AttributeTargets.Enum,
    AllowMultiple = false, Inherited = true)]
public sealed class LuaHiddenAttribute : Attribute;
