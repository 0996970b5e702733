using LuaVm.Runtime;

namespace LuaModules.Lpeg;

/// <summary>A growable byte buffer for string and substitution captures.</summary>
internal sealed class ByteBuilder
{
    private byte[] _buf = new byte[64];
    private int _len;

    private void Ensure(int extra)
    {
        if (_len + extra <= _buf.Length) return;
        long n = Math.Max((long)_buf.Length * 2, (long)_len + extra);
        if (n > LuaString.MaxLength) throw new LpegException("string too large");
        Array.Resize(ref _buf, (int)n);
    }

    public void Append(byte b)
    {
        Ensure(1);
        _buf[_len++] = b;
    }

    public void Append(ReadOnlySpan<byte> s)
    {
        Ensure(s.Length);
        s.CopyTo(_buf.AsSpan(_len));
        _len += s.Length;
    }

    public LuaString ToLuaString() => LuaString.FromBytes(_buf.AsSpan(0, _len));
}
