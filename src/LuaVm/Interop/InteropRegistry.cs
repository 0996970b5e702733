using System.Diagnostics.CodeAnalysis;
using LuaVm.Runtime;

namespace LuaVm.Interop;

/// <summary>
/// One state's exposed .NET types: the registrations (<see cref="LuaState.RegisterType{T}(LuaTypeOptions?)"/>),
/// the bindings made for objects as they cross into Lua, and the mode that decides whether an
/// unregistered type is exposed at all. Bindings are looked up by the object's runtime type in
/// one dictionary, and built once.
/// </summary>
internal sealed class InteropRegistry(LuaState state)
{
    /// <summary>The members reflection reads from an exposed type (for the trimmer).</summary>
    public const DynamicallyAccessedMemberTypes Exposed = DynamicallyAccessedMemberTypes.PublicConstructors
        | DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.PublicProperties
        | DynamicallyAccessedMemberTypes.PublicFields | DynamicallyAccessedMemberTypes.PublicEvents;

    public readonly LuaState State = state;
    private LuaInteropMode _mode;
    private readonly Dictionary<Type, TypeBinding> _registered = new();
    private readonly Dictionary<Type, TypeBinding?> _byRuntimeType = new();   // registered type found for a runtime type (or none)
    private readonly Dictionary<Type, TypeBinding?> _automatic = new();       // bindings made in Automatic mode
    private LuaTable? _eventMetatable;

    public LuaInteropMode Mode
    {
        get => _mode;
        set
        {
            _mode = value;
            _automatic.Clear();
        }
    }

    /// <summary>Registers a type: its instance binding and its type table (returned, and set as a global unless the options say not).</summary>
    [RequiresUnreferencedCode("Binds the type's public members by reflection.")]
    public LuaTable Register([DynamicallyAccessedMembers(Exposed)] Type type, LuaTypeOptions? options)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.ContainsGenericParameters) throw new ArgumentException($"{type} is an open generic type: register a constructed one (List<int>)", nameof(type));
        var allowed = options?.Members;
        if (_mode == LuaInteropMode.AllowList && allowed is null)
            throw new ArgumentException("in LuaInteropMode.AllowList, LuaTypeOptions.Members must name the members Lua may reach", nameof(options));
        var table = TypeTable.Create(this, type, allowed);
        if (!type.IsEnum && !(type.IsAbstract && type.IsSealed)) // not for enums and static classes: they have no instances
        {
            _registered[type] = new TypeBinding(this, type, allowed);
            _byRuntimeType.Clear();
        }
        if (options?.CreateGlobal ?? true)
        {
            string name = options?.GlobalName ?? DefaultName(type);
            if (name.Length > 0) State.Globals.Set(LuaString.FromUtf8(name), table);
        }
        return table;
    }

    private static string DefaultName(Type type)
    {
        int tick = type.Name.IndexOf('`');
        return tick < 0 ? type.Name : type.Name[..tick];
    }

    /// <summary>The userdata for an object of a registered type (or one whose base type or interface is registered).</summary>
    public bool TryWrapRegistered(object value, out LuaValue wrapped)
    {
        if (_registered.Count > 0 && FindRegistered(value.GetType()) is { } binding)
        {
            wrapped = new LuaValue(new LuaUserdata(value, binding.Metatable));
            return true;
        }
        wrapped = default;
        return false;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Only interfaces that were registered (and so kept) can match.")]
    private TypeBinding? FindRegistered(Type runtimeType)
    {
        if (_byRuntimeType.TryGetValue(runtimeType, out var found)) return found;
        for (var t = runtimeType; t is not null && found is null; t = t.BaseType) _registered.TryGetValue(t, out found);
        if (found is null)
            foreach (var i in runtimeType.GetInterfaces())
                if (_registered.TryGetValue(i, out found)) break;
        _byRuntimeType[runtimeType] = found;
        return found;
    }

    /// <summary>
    /// Any other object: in Automatic mode a userdata exposing its public members (the type is
    /// bound on first sight); in AllowList mode an opaque userdata.
    /// </summary>
    [RequiresUnreferencedCode("Binds the object's runtime type by reflection.")]
    public LuaValue WrapOther(object value)
    {
        if (_mode == LuaInteropMode.AllowList) return new LuaValue(new LuaUserdata(value));
        var type = value.GetType();
        if (!_automatic.TryGetValue(type, out var binding))
            _automatic[type] = binding = type.IsDefined(typeof(LuaHiddenAttribute), true) ? null : new TypeBinding(this, type, null);
        return new LuaValue(new LuaUserdata(value, binding?.Metatable));
    }

    /// <summary>The userdata <c>obj.Event</c> returns, with its add and remove methods.</summary>
    public LuaValue BindEvent(object target, EventBinding e)
    {
        if (_eventMetatable is null)
        {
            _eventMetatable = new LuaTable();
            _eventMetatable.Set("__index", State.CreateTable(("add", AddHandler), ("remove", RemoveHandler)));
            _eventMetatable.Set("__tostring", State.CreateFunction("__tostring", call => call.Return(LuaString.FromUtf8("event " + Bound(call).Event.Name))));
        }
        return new LuaValue(new LuaUserdata(new BoundEvent(target, e), _eventMetatable));
    }

    private static BoundEvent Bound(in CallContext call) => call.CheckUserdata<BoundEvent>(1, "event");

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The event's handler type was bound with the event.")]
    private static int AddHandler(CallContext call)
    {
        var bound = Bound(call);
        var f = call.CheckFunction(2);
        try
        {
            bound.Event.Add(call.State, bound.Target, f);
        }
        catch (Exception e) when (InteropErrors.IsClrFailure(e))
        {
            throw InteropErrors.FromClr(call, e, bound.Event.Name);
        }
        return 0;
    }

    private static int RemoveHandler(CallContext call)
    {
        var bound = Bound(call);
        var f = call.CheckFunction(2);
        try
        {
            return call.Return(bound.Event.Remove(bound.Target, f));
        }
        catch (Exception e) when (InteropErrors.IsClrFailure(e))
        {
            throw InteropErrors.FromClr(call, e, bound.Event.Name);
        }
    }
}
