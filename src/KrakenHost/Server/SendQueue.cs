namespace KrakenHost.Server;

/// <summary>
/// The bytes a socket has been asked to send and has not yet handed to the kernel, in order
/// (KrakenSocket owns one; see KrakenSocket.Hold). Positions are counted over the socket's whole
/// life (<see cref="Queued"/>, <see cref="Sent"/>), so that a send waiting behind held bytes can
/// tell how much of its own data has gone.
/// </summary>
internal sealed class SendQueue(EventLoop loop)
{
    private byte[]? _bytes;
    private int _start, _end;

    /// <summary>Bytes ever added.</summary>
    public long Queued { get; private set; }

    /// <summary>Bytes ever handed to the kernel (or dropped).</summary>
    public long Sent { get; private set; }

    public int Count => _end - _start;

    public ReadOnlySpan<byte> Pending => _bytes is null ? default : _bytes.AsSpan(_start, _end - _start);

    /// <summary>Adds bytes at the end; returns the position after them.</summary>
    public long Append(ReadOnlySpan<byte> data)
    {
        if (_bytes is null) _bytes = loop.RentBuffer();
        if (_bytes.Length - _end < data.Length)
        {
            int count = Count;
            if (_bytes.Length - count < data.Length)
            {
                var larger = new byte[Math.Max(_bytes.Length * 2, count + data.Length)];
                Pending.CopyTo(larger);
                Release();
                _bytes = larger;
            }
            else Pending.CopyTo(_bytes);
            _start = 0;
            _end = count;
        }
        data.CopyTo(_bytes.AsSpan(_end));
        _end += data.Length;
        Queued += data.Length;
        return Queued;
    }

    /// <summary>The first <paramref name="count"/> pending bytes have been sent.</summary>
    public void Consume(int count)
    {
        _start += count;
        Sent += count;
        if (_start == _end) Release();
    }

    /// <summary>Forgets the bytes queued after <paramref name="position"/> that have not been sent (a send that gave up).</summary>
    public void DropAfter(long position)
    {
        long drop = Queued - Math.Max(position, Sent);
        if (drop <= 0) return;
        _end -= (int)drop;
        Queued -= drop;
        if (_start == _end) Release();
    }

    /// <summary>Forgets everything pending (the connection failed).</summary>
    public void Clear()
    {
        Sent += Count;
        Release();
    }

    /// <summary>An empty queue keeps no buffer: an idle connection costs nothing here.</summary>
    private void Release()
    {
        if (_bytes is not null && _bytes.Length == KrakenSocket.BufferSize) loop.ReturnBuffer(_bytes);
        _bytes = null;
        _start = _end = 0;
    }
}
