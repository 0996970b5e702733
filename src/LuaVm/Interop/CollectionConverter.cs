using System.Collections;
using System.Diagnostics.CodeAnalysis;
using LuaVm.Runtime;

namespace LuaVm.Interop;

/// <summary>
/// Parameters of collection types, filled from a Lua table: arrays and lists from the sequence
/// 1..#t (T[], List&lt;T&gt;, IList&lt;T&gt;, ICollection&lt;T&gt;, IEnumerable&lt;T&gt;,
/// IReadOnlyList&lt;T&gt;, IReadOnlyCollection&lt;T&gt;, IList), dictionaries from every entry
/// (Dictionary&lt;K,V&gt;, IDictionary&lt;K,V&gt;, IReadOnlyDictionary&lt;K,V&gt;, IDictionary). Each
/// element converts as a parameter of its type would; a bad one names its position. A userdata
/// already wrapping a matching collection passes as it is. Results of these types become new
/// tables (LuaValueConversions.FromObject).
/// </summary>
internal sealed class CollectionConverter : ClrConverter
{
    private enum Shape { Array, List, Dictionary }

    private readonly Shape _shape;
    private readonly Type _type;
    private readonly Type _concrete;          // what is built: T[], List<T>, Dictionary<K,V>, ...
    private readonly ClrConverter _element;   // T, or V for dictionaries
    private readonly ClrConverter? _key;      // K for dictionaries

    private CollectionConverter(Shape shape, Type type, Type concrete, ClrConverter element, ClrConverter? key)
    {
        _shape = shape;
        _type = type;
        _concrete = concrete;
        _element = element;
        _key = key;
        Expected = "table";
    }

    public override Type Type => _type;
    public override string Expected { get; }

    /// <summary>A converter when <paramref name="type"/> is a collection this class builds; null otherwise.</summary>
    [RequiresUnreferencedCode("Builds collection types by reflection.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "List<T> and Dictionary<K,V> of a type a member signature names; documented in docs/embedding.md.")]
    public static CollectionConverter? TryCreate(Type type)
    {
        if (type.IsArray && type.GetArrayRank() == 1)
            return new(Shape.Array, type, type, Converters.For(type.GetElementType()!), null);
        if (type == typeof(IList) || type == typeof(ICollection) || type == typeof(IEnumerable))
            return new(Shape.List, type, typeof(List<object?>), Converters.Object, null);
        if (type == typeof(IDictionary))
            return new(Shape.Dictionary, type, typeof(Dictionary<object, object?>), Converters.Object, Converters.Object);
        if (!type.IsGenericType) return null;
        var definition = type.GetGenericTypeDefinition();
        var args = type.GetGenericArguments();
        if (definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(ICollection<>)
            || definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IReadOnlyCollection<>))
            return new(Shape.List, type, typeof(List<>).MakeGenericType(args), Converters.For(args[0]), null);
        if (definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
            return new(Shape.Dictionary, type, typeof(Dictionary<,>).MakeGenericType(args), Converters.For(args[1]), Converters.For(args[0]));
        return null;
    }

    public override int Score(in LuaValue v) =>
        v.IsTable ? Good : v.Obj is LuaUserdata { Value: var o } && _type.IsInstanceOfType(o) ? Exact : 0;

    public override bool TryFromLuaBoxed(LuaState state, in LuaValue v, out object? value, out string? problem)
    {
        problem = null;
        value = null;
        if (v.Obj is LuaUserdata { Value: var o } && _type.IsInstanceOfType(o))
        {
            value = o;
            return true;
        }
        if (v.Obj is not LuaTable t) return false;
        return _shape == Shape.Dictionary ? TryDictionary(state, t, out value, out problem) : TrySequence(state, t, out value, out problem);
    }

    /// <summary>A new array of the parameter's own array type: no code to generate (on .NET 9 and later).</summary>
    internal static Array NewArray(Type arrayType, int length) =>
#if NET9_0_OR_GREATER
        Array.CreateInstanceFromArrayType(arrayType, length);
#else
        Array.CreateInstance(arrayType.GetElementType()!, length);
#endif

    [UnconditionalSuppressMessage("Trimming", "IL2077", Justification = "List<T> keeps its constructors; the converter was made through Converters.For, which carries the requirement.")]
    private bool TrySequence(LuaState state, LuaTable t, out object? value, out string? problem)
    {
        int n = t.Length();
        IList list = _shape == Shape.Array
            ? CollectionConverter.NewArray(_type, n)  // the parameter's own array type: no code to generate
            : (IList)Activator.CreateInstance(_concrete, n)!;
        for (int i = 1; i <= n; i++)
        {
            var item = t.GetInt(i);
            if (!ConvertPart(state, item, _element, out var converted, out problem))
            {
                problem = $"bad element #{i} ({problem ?? _element.Mismatch(item)})";
                value = null;
                return false;
            }
            if (_shape == Shape.Array) list[i - 1] = converted;
            else list.Add(converted);
        }
        value = list;
        problem = null;
        return true;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2077", Justification = "Dictionary<K,V> keeps its constructor; the converter was made through Converters.For, which carries the requirement.")]
    private bool TryDictionary(LuaState state, LuaTable t, out object? value, out string? problem)
    {
        var dictionary = (IDictionary)Activator.CreateInstance(_concrete)!;
        var key = LuaValue.Nil;
        while (t.Next(key, out var k, out var v))
        {
            if (!ConvertPart(state, k, _key!, out var convertedKey, out problem) || convertedKey is null)
            {
                problem = $"bad key {Describe(k)} ({problem ?? _key!.Mismatch(k)})";
                value = null;
                return false;
            }
            if (!ConvertPart(state, v, _element, out var convertedValue, out problem))
            {
                problem = $"bad value at key {Describe(k)} ({problem ?? _element.Mismatch(v)})";
                value = null;
                return false;
            }
            dictionary[convertedKey] = convertedValue;
            key = k;
        }
        value = dictionary;
        problem = null;
        return true;
    }

    /// <summary>One element: nil is null for reference and nullable types, otherwise it converts as a parameter.</summary>
    internal static bool ConvertPart(LuaState state, in LuaValue v, ClrConverter converter, out object? value, out string? problem)
    {
        if (v.IsNil && (!converter.Type.IsValueType || Nullable.GetUnderlyingType(converter.Type) is not null))
        {
            value = null;
            problem = null;
            return true;
        }
        return converter.TryFromLuaBoxed(state, v, out value, out problem);
    }

    private static string Describe(in LuaValue k) => k.IsString ? $"'{k}'" : k.ToString();

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Objects reach a state through public APIs that carry the requirement.")]
    public override LuaValue ToLuaBoxed(LuaState state, object? value) => LuaValueConversions.FromObject(value, state);
}
