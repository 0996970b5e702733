using LuaVm.Runtime;

namespace LuaModules.Lfs;

/// <summary>
/// Lua strings as lfs hands them to C: a const char*, so C sees the bytes up to the first NUL
/// (both in the system call and in the messages that quote the path).
/// </summary>
internal static class CString
{
    /// <summary>Paths shorter than this are copied to the stack; longer ones to a heap buffer.</summary>
    public const int StackSize = 512;

    /// <summary>The bytes C sees: up to the first NUL.</summary>
    public static ReadOnlySpan<byte> Visible(LuaString s)
    {
        var span = s.Span;
        int nul = span.IndexOf((byte)0);
        return nul < 0 ? span : span[..nul];
    }

    /// <summary>The visible bytes of <paramref name="s"/> and a NUL, in <paramref name="stack"/> when they fit.</summary>
    public static Span<byte> Terminated(LuaString s, Span<byte> stack) => Terminated(Visible(s), stack);

    /// <summary><paramref name="bytes"/> and a NUL, in <paramref name="stack"/> when they fit.</summary>
    public static Span<byte> Terminated(ReadOnlySpan<byte> bytes, Span<byte> stack)
    {
        Span<byte> buffer = bytes.Length < stack.Length ? stack : new byte[bytes.Length + 1];
        bytes.CopyTo(buffer);
        buffer[bytes.Length] = 0;
        return buffer;
    }

    /// <summary>A Lua string of the concatenated parts (lua_pushfstring's result).</summary>
    public static LuaString Concat(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c = default, ReadOnlySpan<byte> d = default, ReadOnlySpan<byte> e = default)
    {
        var bytes = new byte[a.Length + b.Length + c.Length + d.Length + e.Length];
        var rest = bytes.AsSpan();
        a.CopyTo(rest);
        rest = rest[a.Length..];
        b.CopyTo(rest);
        rest = rest[b.Length..];
        c.CopyTo(rest);
        rest = rest[c.Length..];
        d.CopyTo(rest);
        e.CopyTo(rest[d.Length..]);
        return new LuaString(bytes);
    }
}
