using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace LuaVm.Interop;

/// <summary>
/// Turns the expression trees of the interop layer into delegates, once per method, type or
/// delegate signature. Where the runtime cannot generate code (Native AOT, IL2CPP:
/// <see cref="RuntimeFeature.IsDynamicCodeSupported"/> false) the same trees are interpreted:
/// slower, but the API works the same.
/// </summary>
internal static class Compile
{
    public static T Lambda<T>(Expression<T> lambda) where T : Delegate =>
        lambda.Compile(preferInterpretation: Interpret || !RuntimeFeature.IsDynamicCodeSupported);

    /// <summary>Interpret even where code could be generated: lets the tests run the Native AOT path.</summary>
    internal static volatile bool Interpret;
}
