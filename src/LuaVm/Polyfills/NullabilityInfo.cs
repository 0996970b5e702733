#if NETSTANDARD2_1
namespace System.Reflection;

// NullabilityInfoContext is .NET 6's. The interop layer asks one thing of it: whether a reference
// parameter is declared non-nullable (string, not string?). The compiler records that in
// [Nullable] on the parameter or [NullableContext] on the method or an enclosing type (0:
// oblivious, 1: not null, 2: nullable), read here by name, as .NET's own implementation does.

internal enum NullabilityState
{
    Unknown,
    NotNull,
    Nullable,
}

internal sealed class NullabilityInfo(NullabilityState state)
{
    public NullabilityState WriteState { get; } = state;
}

internal sealed class NullabilityInfoContext
{
    public NullabilityInfo Create(ParameterInfo parameter)
    {
        byte flag = Flag(parameter.GetCustomAttributesData(), "System.Runtime.CompilerServices.NullableAttribute")
            ?? ContextFlag(parameter.Member);
        return new(flag switch { 1 => NullabilityState.NotNull, 2 => NullabilityState.Nullable, _ => NullabilityState.Unknown });
    }

    private static byte ContextFlag(MemberInfo? member)
    {
        for (; member is not null; member = member.DeclaringType)
            if (Flag(member.GetCustomAttributesData(), "System.Runtime.CompilerServices.NullableContextAttribute") is { } flag) return flag;
        return 0;
    }

    /// <summary>The attribute's first flag: a byte, or the first of a byte[] (the outermost type's).</summary>
    private static byte? Flag(IList<CustomAttributeData> attributes, string name)
    {
        foreach (var a in attributes)
        {
            if (a.AttributeType.FullName != name || a.ConstructorArguments.Count != 1) continue;
            var value = a.ConstructorArguments[0].Value;
            if (value is byte b) return b;
            if (value is IList<CustomAttributeTypedArgument> { Count: > 0 } flags && flags[0].Value is byte first) return first;
        }
        return null;
    }
}
#endif
