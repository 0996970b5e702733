namespace LuaVm.Runtime;

/// <summary>A full userdata: an opaque .NET object with a metatable and an environment.</summary>
public sealed class LuaUserdata : LuaObject
{
    /// <summary>The wrapped .NET object (null for newproxy's empty userdata).</summary>
    public object? Value;
    /// <summary>The metatable, or null.</summary>
    public LuaTable? Metatable;
    /// <summary>The environment table (getfenv/setfenv on userdata).</summary>
    public LuaTable? Env;

    /// <summary>Finalization companion for __gc (newproxy userdata only); see the collector in src/LuaVm/Vm.</summary>
    internal object? GcSentinel;

    /// <summary>Wraps a .NET object.</summary>
    public LuaUserdata(object? value, LuaTable? metatable = null) : base(LuaType.Userdata)
    {
        Value = value;
        Metatable = metatable;
        AllocationMeter.Charge(ObjectSizes.Userdata(value));
    }
}
