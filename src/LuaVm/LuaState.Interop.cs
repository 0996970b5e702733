using System.Diagnostics.CodeAnalysis;
using LuaVm.Interop;
using LuaVm.Runtime;

namespace LuaVm;

// Exposing .NET objects and delegates to Lua (docs/embedding.md, "Exposing .NET objects and
// delegates"). The machinery is in Interop/; this is its public face.
public sealed partial class LuaState
{
    private InteropRegistry? _interop;

    /// <summary>This state's exposed types, made on first use.</summary>
    internal InteropRegistry Interop => _interop ??= new InteropRegistry(this);

    /// <summary>
    /// Whether .NET objects of unregistered types expose their public members to Lua
    /// (<see cref="LuaInteropMode.Automatic"/>, the default) or reach Lua as opaque userdata, with
    /// only registered types' listed members reachable (<see cref="LuaInteropMode.AllowList"/>,
    /// for sandboxes). Set it before registering types.
    /// </summary>
    public LuaInteropMode InteropMode
    {
        get => _interop?.Mode ?? LuaInteropMode.Automatic;
        set => Interop.Mode = value;
    }

    /// <summary>
    /// Exposes <typeparamref name="T"/> to Lua. Its instances (passed with <see cref="SetGlobal"/>,
    /// returned by functions, ...) become userdata with its public properties and fields
    /// (<c>obj.X</c>, <c>obj.X = v</c>), methods (<c>obj:Move(1, 2)</c>, overloads chosen by the
    /// arguments' Lua types), indexer (<c>obj[k]</c>), events (<c>obj.Changed:add(f)</c>) and
    /// operators (<c>+</c>, <c>==</c>, <c>&lt;</c>, <c>tostring</c>, ...). The returned type table,
    /// also set as a global (by default named after the type), holds its constructors
    /// (<c>Point.new(1, 2)</c>, <c>Point(1, 2)</c>) and static members (<c>Point.Origin</c>); for an
    /// enum, its members' numbers (<c>Color.Red</c>). Members marked <see cref="LuaHiddenAttribute"/>,
    /// System.Object's members and reflection types are never exposed. Everything is bound once,
    /// here: calls from Lua run compiled code, not reflection. Registering a type again rebuilds it.
    /// </summary>
    /// <exception cref="ArgumentException">In <see cref="LuaInteropMode.AllowList"/> mode without <see cref="LuaTypeOptions.Members"/>; an open generic type.</exception>
    [RequiresUnreferencedCode("Binds the public members of the type's members' types by reflection; keep them when trimming.")]
    public LuaTable RegisterType<[DynamicallyAccessedMembers(InteropRegistry.Exposed)] T>(LuaTypeOptions? options = null) =>
        Interop.Register(typeof(T), options);

    /// <summary>Exposes <paramref name="type"/> to Lua: see <see cref="RegisterType{T}(LuaTypeOptions?)"/>.</summary>
    /// <exception cref="ArgumentException">In <see cref="LuaInteropMode.AllowList"/> mode without <see cref="LuaTypeOptions.Members"/>; an open generic type.</exception>
    [RequiresUnreferencedCode("Binds the public members of the type's members' types by reflection; keep them when trimming.")]
    public LuaTable RegisterType([DynamicallyAccessedMembers(InteropRegistry.Exposed)] Type type, LuaTypeOptions? options = null) =>
        Interop.Register(type, options);

    /// <summary>
    /// Registers a .NET delegate as the global function <paramref name="name"/>:
    /// <c>lua.Register("twice", (double x) => 2 * x)</c>. Lua arguments convert to the parameter
    /// types, with lua5.1's argument errors (<c>bad argument #1 to 'twice' (number expected, got
    /// string)</c>); the result converts back (<see cref="ToLuaValue"/>); an exception thrown by the
    /// delegate becomes a Lua error with its message. The conversion code is compiled once per
    /// delegate type. A <see cref="LuaNativeFunction"/> is registered as it is.
    /// </summary>
    [RequiresUnreferencedCode("Binds the delegate type's parameters by reflection.")]
    public NativeFunction Register(string name, Delegate function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var f = DelegateFunction.Create(function, name, Globals);
        Globals.Set(name, f);
        return f;
    }

    /// <summary>A Lua function value calling a .NET delegate (see <see cref="Register(string, Delegate)"/>), not registered anywhere.</summary>
    [RequiresUnreferencedCode("Binds the delegate type's parameters by reflection.")]
    public NativeFunction CreateFunction(string name, Delegate function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return DelegateFunction.Create(function, name, Globals);
    }

    /// <summary>
    /// A delegate that calls a Lua function: <c>var f = lua.CreateDelegate&lt;Func&lt;double, double&gt;&gt;(lua.GetGlobal("f"))</c>.
    /// Arguments convert to Lua as <see cref="ToLuaValue"/> does, the first result to the return
    /// type (a <see cref="LuaException"/> when it cannot). Invoke it on the thread that uses the
    /// state. Compiled once per delegate type; calls with up to three arguments allocate nothing.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="function"/> is not a function.</exception>
    [RequiresUnreferencedCode("Builds the delegate from its type's Invoke method.")]
    public TDelegate CreateDelegate<TDelegate>(LuaValue function) where TDelegate : Delegate =>
        (TDelegate)LuaCallback.CreateDelegate(this, function.AsFunction ?? throw new ArgumentException($"function expected, got {function.TypeName()}", nameof(function)), typeof(TDelegate));

    /// <summary>
    /// Converts a .NET value for this state: as <see cref="LuaValueConversions.FromObject(object?)"/>,
    /// and also delegates become functions, enums numbers, and objects of registered types (or,
    /// in <see cref="LuaInteropMode.Automatic"/> mode, of any type) userdata exposing their members.
    /// </summary>
    [RequiresUnreferencedCode("May bind an object's runtime type by reflection.")]
    public LuaValue ToLuaValue(object? value) => LuaValueConversions.FromObject(value, this);

    /// <summary>
    /// Converts a Lua value to <typeparamref name="T"/> by the rules of parameters of that type
    /// (docs/embedding.md): numbers to any numeric type (integers only when integral and in
    /// range), strings, tables to arrays, lists, dictionaries and records, userdata to the object
    /// they wrap. nil gives null for reference and nullable types.
    /// </summary>
    /// <exception cref="InvalidCastException">The value does not convert; the message says why.</exception>
    [RequiresUnreferencedCode("Converts to types found by reflection.")]
    public T? ConvertTo<T>(LuaValue value)
    {
        var converter = Converters.For(typeof(T));
        if (CollectionConverter.ConvertPart(this, value, converter, out var result, out var problem)) return (T?)result;
        throw new InvalidCastException(problem ?? converter.Mismatch(value));
    }
}
