using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using LuaVm.Runtime;

namespace LuaVm.Interop;

/// <summary>
/// A public instance event. <c>obj.Changed</c> gives a small userdata (<see cref="BoundEvent"/>)
/// with two methods: <c>obj.Changed:add(f)</c> subscribes the Lua function (as a delegate of the
/// event's handler type, see <see cref="LuaCallback"/>), <c>obj.Changed:remove(f)</c> removes
/// the delegate that the same function added. Add and remove are compiled once per event.
/// </summary>
internal sealed class EventBinding
{
    public readonly string Name;
    private readonly Type _handlerType;
    private readonly Action<object, Delegate> _add, _remove;
    // Per target object: the delegate each Lua function was subscribed as and how many times,
    // so that remove finds it.
    private readonly ConditionalWeakTable<object, Dictionary<LuaFunction, (Delegate Handler, int Count)>> _handlers = new();

    public EventBinding(Type type, EventInfo e, string name)
    {
        Name = name;
        _handlerType = e.EventHandlerType!;
        _add = Accessors.EventAccessor(type, e.AddMethod!, _handlerType);
        _remove = Accessors.EventAccessor(type, e.RemoveMethod!, _handlerType);
    }

    [RequiresUnreferencedCode("Builds the handler delegate from its type.")]
    public void Add(LuaState state, object target, LuaFunction f)
    {
        var handlers = _handlers.GetOrCreateValue(target);
        var d = handlers.TryGetValue(f, out var known) ? known.Handler : LuaCallback.CreateDelegate(state, f, _handlerType);
        _add(target, d);
        handlers[f] = (d, known.Count + 1);
    }

    /// <summary>Removes what <paramref name="f"/> subscribed; false when it never was.</summary>
    public bool Remove(object target, LuaFunction f)
    {
        if (!_handlers.TryGetValue(target, out var handlers) || !handlers.TryGetValue(f, out var known)) return false;
        _remove(target, known.Handler);
        if (known.Count == 1) handlers.Remove(f);
        else handlers[f] = (known.Handler, known.Count - 1);
        return true;
    }
}

/// <summary>An event of one object, as the userdata <c>obj.Changed</c> returns.</summary>
internal sealed record BoundEvent(object Target, EventBinding Event);
