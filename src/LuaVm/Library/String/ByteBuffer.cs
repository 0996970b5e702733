using LuaVm.Runtime;

namespace LuaVm.Library.String;

/// <summary>
/// A growing byte buffer in which string.format and string.gsub build their result, reused from
/// call to call: each thread keeps one spare, which a call takes (<see cref="Take"/>) and gives
/// back with its result (<see cref="ToLuaStringAndRelease"/>). A call that starts while another
/// holds the spare (a gsub replacement function calling string.format) makes its own, and a call
/// that ends in an error does not give its buffer back: the next call makes another.
/// </summary>
internal sealed class ByteBuffer
{
    public byte[] Bytes;
    public int Length;

    [ThreadStatic] private static ByteBuffer? t_spare;

    /// <summary>Buffers larger than this are not kept after a call, so one huge result is not held for good.</summary>
    private const int MaxKept = 64 * 1024;

    private ByteBuffer(int capacity) => Bytes = new byte[capacity];

    /// <summary>An empty buffer: the thread's spare when it has one (grown as needed), else a new one of <paramref name="capacity"/> bytes.</summary>
    public static ByteBuffer Take(int capacity = 128)
    {
        var b = t_spare;
        if (b is null) return new ByteBuffer(Math.Max(capacity, 128));
        t_spare = null;
        b.Length = 0;
        return b;
    }

    /// <summary>The bytes as a Lua string; the buffer becomes the thread's spare again.</summary>
    public LuaString ToLuaStringAndRelease()
    {
        var result = LuaString.FromBytes(Bytes.AsSpan(0, Length));
        Release();
        return result;
    }

    /// <summary>The buffer becomes the thread's spare again, its bytes unused.</summary>
    public void Release()
    {
        if (Bytes.Length <= MaxKept) t_spare = this;
    }

    public void Add(byte b)
    {
        if (Length == Bytes.Length) Grow(1);
        Bytes[Length++] = b;
    }

    public void Add(ReadOnlySpan<byte> bytes)
    {
        if (Length + bytes.Length > Bytes.Length) Grow(bytes.Length);
        bytes.CopyTo(Bytes.AsSpan(Length));
        Length += bytes.Length;
    }

    /// <summary>Chars 0-255, one byte each (the libraries' one-char-per-byte form).</summary>
    public void AddLatin1(ReadOnlySpan<char> s)
    {
        if (Length + s.Length > Bytes.Length) Grow(s.Length);
        foreach (char ch in s) Bytes[Length++] = (byte)ch;
    }

    private void Grow(int more) => Array.Resize(ref Bytes, Math.Max(Bytes.Length * 2, Length + more));
}
