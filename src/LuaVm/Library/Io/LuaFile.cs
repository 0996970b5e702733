using LuaVm.Runtime;

namespace LuaVm.Library.Io;

/// <summary>
/// An open file as io sees it: a byte stream with one byte of look-ahead (for "*n" and "*l"),
/// or a closed handle. Standard streams are never really closed.
/// </summary>
internal sealed class LuaFile(Stream? stream, bool isStandard = false)
{
    private Stream? _stream = stream;
    private int _peeked = -1;
    public readonly bool IsStandard = isStandard;
    /// <summary>For io.popen: the process to wait for on close.</summary>
    public System.Diagnostics.Process? Process;

    public bool IsClosed => _stream is null;

    /// <summary>setvbuf's mode: 0 "no" (write through), 1 "full", 2 "line" (flush at each newline).</summary>
    public int BufferMode = 1;

    /// <summary>Writes bytes, flushing as the buffering mode says.</summary>
    public void Write(byte[] bytes)
    {
        Stream.Write(bytes);
        AfterWrite(Stream, Array.IndexOf(bytes, (byte)'\n') >= 0);
    }

    /// <summary>
    /// Flushes after a write to <paramref name="target"/> as setvbuf's mode says: "no" after every
    /// write, "line" after one that held a newline. print calls it on io.stdout's file: in C, print
    /// and io.stdout write to the same FILE*, so setvbuf on io.stdout applies to print too.
    /// </summary>
    public void AfterWrite(Stream target, bool newline)
    {
        if (!ReferenceEquals(_stream, target)) return; // LuaState.StdOut was replaced: not this file's stream any more
        if (BufferMode == 0 || (BufferMode == 2 && newline)) target.Flush();
    }

    public Stream Stream => _stream ?? throw new InvalidOperationException("closed");

    public int ReadByte()
    {
        if (_peeked >= 0)
        {
            int b = _peeked;
            _peeked = -1;
            return b;
        }
        return Stream.ReadByte();
    }

    public int PeekByte()
    {
        if (_peeked < 0) _peeked = Stream.ReadByte();
        return _peeked;
    }

    public void DiscardPeek()
    {
        if (_peeked >= 0 && Stream.CanSeek) Stream.Seek(-1, SeekOrigin.Current);
        _peeked = -1;
    }

    public void Close()
    {
        if (_stream is null) return;
        _stream.Flush();
        if (!IsStandard) _stream.Dispose();
        Process?.WaitForExit();
        _stream = null;
    }

    /// <summary>A line without its newline, or null at end of file.</summary>
    public LuaString? ReadLine()
    {
        var buffer = new MemoryStream();
        int c;
        while ((c = ReadByte()) != -1 && c != '\n') buffer.WriteByte((byte)c);
        if (c == -1 && buffer.Length == 0) return null;
        return new LuaString(buffer.ToArray());
    }

    public LuaString ReadAll()
    {
        var buffer = new MemoryStream();
        int c;
        if ((c = ReadByte()) != -1) buffer.WriteByte((byte)c);
        Stream.CopyTo(buffer);
        return new LuaString(buffer.ToArray());
    }

    public LuaString? ReadCount(long n)
    {
        if (n == 0) return PeekByte() == -1 ? null : LuaString.Empty;
        var buffer = new MemoryStream();
        int c;
        while (buffer.Length < n && (c = ReadByte()) != -1) buffer.WriteByte((byte)c);
        return buffer.Length == 0 ? null : new LuaString(buffer.ToArray());
    }

    /// <summary>Reads a number the way fscanf("%lf") does; null when there is none.</summary>
    /// <summary>
    /// "*n" as lua5.1 does it with fscanf("%lf"): skip white space, then take characters only
    /// while they can still continue a number (sign, digits, one point, an exponent, hex "0x"),
    /// so that "abc" is left unread; the text taken must then be a whole number.
    /// </summary>
    public double? ReadNumber()
    {
        int c;
        while ((c = PeekByte()) != -1 && NumberFormat.IsSpace((byte)c)) ReadByte();
        var text = new List<byte>();
        bool hex = false, point = false, exponent = false, digits = false;
        while ((c = PeekByte()) != -1)
        {
            char ch = (char)c;
            int n = text.Count;
            bool take;
            if (ch is '+' or '-') take = n == 0 || (exponent && text[n - 1] is (byte)'e' or (byte)'E' or (byte)'p' or (byte)'P');
            else if (ch is 'x' or 'X') take = !hex && n > 0 && text[n - 1] == '0' && (n == 1 || (n == 2 && text[0] is (byte)'+' or (byte)'-'));
            else if (ch == '.') take = !point && !exponent;
            else if (!exponent && (hex ? ch is 'p' or 'P' : ch is 'e' or 'E')) take = digits;
            else take = exponent ? char.IsAsciiDigit(ch) : hex ? char.IsAsciiHexDigit(ch) : char.IsAsciiDigit(ch);
            if (!take) break;
            if (ch is 'x' or 'X') hex = true;
            else if (ch == '.') point = true;
            else if (ch is 'e' or 'E' or 'p' or 'P') exponent = true;
            else if (ch is not ('+' or '-')) digits = true;
            text.Add((byte)c);
            ReadByte();
        }
        if (NumberFormat.TryStrtod(text.ToArray(), out double d, out int used) && used == text.Count && used > 0) return d;
        return null;
    }
}
