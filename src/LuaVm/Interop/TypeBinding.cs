using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Reflection;
using LuaVm.Runtime;

namespace LuaVm.Interop;

/// <summary>
/// A .NET type as Lua sees its instances, built once per state and type: the userdata
/// metatable, whose <c>__index</c> finds a member by the Lua string key in one dictionary lookup
/// (methods: a native function made once per method group; properties and fields: a compiled
/// getter), whose <c>__newindex</c> sets properties and fields through compiled setters, and
/// whose other fields are the type's operators (<see cref="Operators"/>). Keys that name no
/// member go to the type's indexer when it has one; otherwise reading or writing them is an
/// error naming the type and the key.
/// </summary>
internal sealed class TypeBinding
{
    /// <summary>What a key names: exactly one of these is set.</summary>
    private sealed class Member(string name)
    {
        public readonly string Name = name;
        public LuaValue Method;                                  // a method group's function
        public Func<object, LuaState, LuaValue>? Get;            // a readable property or field
        public Action<object, object?>? Set;                     // a writable property or field
        public ClrConverter? SetConverter;
        public EventBinding? Event;
    }

    public readonly Type Type;
    /// <summary>The name in messages ("Point").</summary>
    public readonly string Name;
    public readonly LuaTable Metatable;
    private readonly Dictionary<LuaString, Member> _members = new();
    private readonly OverloadSet? _indexGet, _indexSet;
    private readonly InteropRegistry _registry;

    [RequiresUnreferencedCode("Binds the type's public members by reflection.")]
    public TypeBinding(InteropRegistry registry, [DynamicallyAccessedMembers(InteropRegistry.Exposed)] Type type, IReadOnlyCollection<string>? allowed)
    {
        _registry = registry;
        Type = type;
        Name = Converters.NameOf(type);
        var env = registry.State.Globals;
        var flags = BindingFlags.Public | BindingFlags.Instance;

        foreach (var group in type.GetMethods(flags).Where(m => !m.IsSpecialName && Visible(m, allowed)).GroupBy(m => m.Name))
        {
            var set = new OverloadSet(group.Select(m => Overload.ForMember(type, m, $"{Name}.{m.Name}")).ToArray(), $"{Name}.{group.Key}");
            Add(group.Key).Method = new NativeFunction(group.Key, set.Invoke, env);
        }
        foreach (var p in type.GetProperties(flags))
        {
            if (!Visible(p, allowed)) continue;
            if (p.GetIndexParameters().Length > 0) continue;
            if (_members.ContainsKey(Key(p.Name))) continue; // a property hiding a base one: the first (most derived) wins
            var m = Add(p.Name);
            if (p.GetMethod is { IsPublic: true }) m.Get = Accessors.InstanceGetter(type, p);
            if (p.SetMethod is { IsPublic: true })
            {
                m.Set = Accessors.InstanceSetter(type, p);
                m.SetConverter = Converters.For(p.PropertyType);
            }
        }
        foreach (var f in type.GetFields(flags))
        {
            if (!Visible(f, allowed) || _members.ContainsKey(Key(f.Name))) continue;
            var m = Add(f.Name);
            m.Get = Accessors.InstanceGetter(type, f);
            if (!f.IsInitOnly)
            {
                m.Set = Accessors.InstanceSetter(type, f);
                m.SetConverter = Converters.For(f.FieldType);
            }
        }
        foreach (var e in type.GetEvents(flags))
            if (Visible(e, allowed)) Add(e.Name).Event = new EventBinding(type, e, $"{Name}.{e.Name}");

        var indexers = type.GetProperties(flags).Where(p => p.GetIndexParameters().Length == 1 && Visible(p, allowed)).ToArray();
        var getters = indexers.Where(p => p.GetMethod is { IsPublic: true }).Select(p => Overload.ForMember(type, p.GetMethod!, $"{Name}[]")).ToArray();
        var setters = indexers.Where(p => p.SetMethod is { IsPublic: true }).Select(p => Overload.ForMember(type, p.SetMethod!, $"{Name}[]")).ToArray();
        if (getters.Length > 0) _indexGet = new OverloadSet(getters, $"{Name}[]");
        if (setters.Length > 0) _indexSet = new OverloadSet(setters, $"{Name}[]");

        Metatable = new LuaTable();
        Metatable.Set("__index", _indexGet is null && _members.Values.All(m => !m.Method.IsNil) ? MethodTable(env) : new NativeFunction("__index", Index, env));
        Metatable.Set("__newindex", new NativeFunction("__newindex", NewIndex, env));
        Operators.AddTo(Metatable, type, Name, allowed, env);
    }

    /// <summary>
    /// For a type with methods only (no property, field, event or indexer): <c>__index</c> as a
    /// table of the methods, which the VM's <c>obj:Method()</c> reads directly instead of calling a
    /// function (about twice as fast). A name that is not there still raises the member error,
    /// from the table's own <c>__index</c>.
    /// </summary>
    private LuaTable MethodTable(LuaTable env)
    {
        var methods = new LuaTable(0, _members.Count);
        foreach (var (key, m) in _members) methods.SetStr(key, m.Method);
        methods.Metatable = new LuaTable();
        methods.Metatable.Set("__index", new NativeFunction("__index", call => throw call.Error($"{Name} has no member {Accessors.Describe(call[2])}"), env));
        return methods;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Member filtering reads attributes and signatures only.")]
    internal static bool Visible(MemberInfo m, IReadOnlyCollection<string>? allowed) => !Members.IsHidden(m) && Members.Allowed(allowed, m.Name);

    private Member Add(string name)
    {
        var m = new Member(name);
        _members[Key(name)] = m;
        return m;
    }

    /// <summary>
    /// The member name as the pooled Lua string that a script's constant of the same name is
    /// (LuaString.Shared): the dictionary lookup then matches by reference.
    /// </summary>
    private static LuaString Key(string name) => LuaString.Shared(LuaString.FromUtf8(name));

    /// <summary>obj.key: a method, a property's value, an event, or the indexer's value.</summary>
    private int Index(CallContext call)
    {
        var key = call[2];
        if (key.Obj is LuaString s && _members.TryGetValue(s, out var m))
        {
            if (!m.Method.IsNil) return call.Return(m.Method);  // the method checks its self itself
            var self = Self(call);
            if (m.Get is not null)
            {
                try
                {
                    return call.Return(m.Get(self, call.State));
                }
                catch (Exception e) when (InteropErrors.IsClrFailure(e))
                {
                    throw InteropErrors.FromClr(call, e, $"{Name}.{m.Name}");
                }
            }
            if (m.Event is not null) return call.Return(_registry.BindEvent(self, m.Event));
            throw call.Error($"{Name}.{m.Name} is write-only");
        }
        Self(call);
        if (_indexGet is not null && (key.Obj is not LuaString || _indexGet.Accepts(call))) return _indexGet.Invoke(call);
        throw call.Error($"{Name} has no member {Accessors.Describe(key)}");
    }

    /// <summary>obj.key = value: a property or field, or the indexer.</summary>
    private int NewIndex(CallContext call)
    {
        var self = Self(call);
        var key = call[2];
        if (key.Obj is LuaString s && _members.TryGetValue(s, out var m))
        {
            if (m.Set is null) throw call.Error($"{Name}.{m.Name} is {(m.Method.IsNil && m.Event is null ? "read-only" : "not a property or field")}");
            var value = call[3];
            if (!CollectionConverter.ConvertPart(call.State, value, m.SetConverter!, out var converted, out var problem))
                throw call.Error($"bad value for {Name}.{m.Name} ({problem ?? m.SetConverter!.Mismatch(value)})");
            try
            {
                m.Set(self, converted);
            }
            catch (Exception e) when (InteropErrors.IsClrFailure(e))
            {
                throw InteropErrors.FromClr(call, e, $"{Name}.{m.Name}");
            }
            return 0;
        }
        if (_indexSet is not null && (key.Obj is not LuaString || _indexSet.Accepts(call))) return _indexSet.Invoke(call);
        throw call.Error($"{Name} has no member {Accessors.Describe(key)}");
    }

    private object Self(in CallContext call) =>
        call[1].Obj is LuaUserdata { Value: { } o } && (o.GetType() == Type || Type.IsInstanceOfType(o)) ? o : throw call.TypeError(1, Name);

}
