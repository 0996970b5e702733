#if NETSTANDARD2_1
// SearchValues (a set of bytes searched with vector instructions) is .NET 8's; on netstandard2.1
// the same calls search the set as a plain span, which MemoryExtensions.IndexOfAny does well for
// the handful of bytes the libraries look for.
namespace System.Buffers
{
    internal sealed class SearchValues<T>(T[] values) where T : IEquatable<T>
    {
        internal readonly T[] Values = values;
    }

    internal static class SearchValues
    {
        public static SearchValues<byte> Create(ReadOnlySpan<byte> values) => new(values.ToArray());
    }
}

namespace System
{
    internal static class SearchValuesExtensions
    {
        public static int IndexOfAny(this ReadOnlySpan<byte> span, Buffers.SearchValues<byte> values) => span.IndexOfAny(values.Values);

        public static int IndexOfAny(this Span<byte> span, Buffers.SearchValues<byte> values) => ((ReadOnlySpan<byte>)span).IndexOfAny(values.Values);
    }
}
#endif
