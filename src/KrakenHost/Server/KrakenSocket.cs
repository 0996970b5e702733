using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace KrakenHost.Server;

/// <summary>
/// A TCP socket owned by the event loop: non-blocking, registered once with the loop's epoll set
/// (edge-triggered), with a receive buffer for line and count reads. At most one operation waits
/// to read and one to write at a time; they are retried when epoll says the socket is ready.
/// Idle connections keep no buffer (it is dropped whenever it is empty and a read must wait).
/// </summary>
internal sealed class KrakenSocket : IReadinessHandler
{
    private readonly EventLoop _loop;
    private ulong _token;
    private int _fd = -1;
    private byte[]? _buffer;
    private int _start, _end;
    private bool _peerClosed;
    // Edge-triggered epoll tells when new data arrives; after a read that drained the socket,
    // the next read waits for that edge instead of making a recv call that would fail.
    private bool _mayRead = true, _hungUp;
    private SocketOperation? _reader, _writer;
    private LoopTimer? _deadlineTimer;
    private Action? _onDeadline;

    public KrakenSocket(EventLoop loop, Socket socket)
    {
        _loop = loop;
        Socket = socket;
        IsConnected = socket.Connected; // true for a socket made from an accepted descriptor
    }

    /// <summary>The .NET socket, or null once closed.</summary>
    public Socket? Socket { get; private set; }

    /// <summary>Seconds each later wait may last; negative, infinite or above EventLoop.MaxDelay means no limit.</summary>
    public double Timeout = -1;

    /// <summary>Set for listening sockets (accept waits on them).</summary>
    public bool IsListening;

    /// <summary>
    /// Set for accepted connections and once a connect has succeeded: a second connect fails
    /// with "already connected" as connect(2) does (.NET does not know that a non-blocking
    /// connect finished, and would report success).
    /// </summary>
    public bool IsConnected;

    /// <summary>Where connect() was asked to go (getpeername after a non-blocking connect).</summary>
    public EndPoint? ConnectTarget;

    /// <summary>Called once when the socket is closed (the server counts its connections).</summary>
    public Action? OnClosed;

    public EventLoop Loop => _loop;
    public bool IsClosed => Socket is null;
    public int BufferedCount => _end - _start;
    public bool PeerClosed => _peerClosed;
    public int Descriptor => _fd;

    /// <summary>Puts the socket in non-blocking mode and under the loop's watch (once).</summary>
    public void Watch()
    {
        if (_token != 0 || Socket is null) return;
        Socket.Blocking = false;
        _fd = (int)Socket.Handle;
        _token = _loop.Register(_fd, this);
    }

    public void OnReady(bool readable, bool writable, bool hangUp)
    {
        if (readable) _mayRead = true;
        if (hangUp) _hungUp = true; // that edge comes once: reads must go on until they see the end
        if (readable) _reader?.Retry();
        if (writable) _writer?.Retry();
    }

    /// <summary>
    /// Makes sure the socket's timer fires by <paramref name="deadline"/>. One timer per socket
    /// serves every wait: a keep-alive connection waits once per request, nearly always with the
    /// same timeout, so the timer already armed for an earlier deadline is kept; when it fires it
    /// ends the operations whose deadline has come and is armed again for the others. A timer per
    /// wait would leave one cancelled timer per request in the loop's queue until it came due.
    /// </summary>
    public void WatchDeadline(long deadline)
    {
        if (deadline == long.MaxValue) return;
        if (_deadlineTimer is { } armed)
        {
            if (armed.DueTicks <= deadline) return;
            armed.Cancel();
        }
        _deadlineTimer = _loop.AddTimerAt(deadline, _onDeadline ??= OnDeadline);
    }

    private void OnDeadline()
    {
        _deadlineTimer = null;
        long now = System.Diagnostics.Stopwatch.GetTimestamp();
        _reader?.ExpireIfDue(now);
        _writer?.ExpireIfDue(now);
        long next = Math.Min(_reader?.Deadline ?? long.MaxValue, _writer?.Deadline ?? long.MaxValue);
        if (next != long.MaxValue && Socket is not null) WatchDeadline(next);
    }

    /// <summary>Claims the read or write slot for a waiting operation; false when another already waits.</summary>
    public bool Attach(SocketOperation op, bool write)
    {
        ref var slot = ref write ? ref _writer : ref _reader;
        if (slot is not null && slot != op) return false;
        slot = op;
        return true;
    }

    public void Detach(SocketOperation op)
    {
        if (_reader == op) _reader = null;
        if (_writer == op) _writer = null;
    }

    /// <summary>Closes the socket; operations waiting on it end with "closed". Closing twice is harmless.</summary>
    public void Close()
    {
        var socket = Socket;
        if (socket is null) return;
        Socket = null;
        _deadlineTimer?.Cancel();
        _deadlineTimer = null;
        if (_token != 0) _loop.Unregister(_fd, _token);
        _token = 0;
        if (_buffer?.Length == BufferSize) _loop.ReturnBuffer(_buffer);
        _buffer = null;
        _start = _end = 0;
        try
        {
            socket.Dispose();
        }
        catch (SocketException)
        {
            // already reset by the peer: nothing to release
        }
        _reader?.Abort("closed");
        _writer?.Abort("closed");
        OnClosed?.Invoke();
        OnClosed = null;
    }

    // ---- the receive buffer ----

    public ReadOnlySpan<byte> Buffered => _buffer is null ? default : _buffer.AsSpan(_start, _end - _start);

    public void Consume(int count)
    {
        _start += count;
        if (_start == _end) _start = _end = 0;
    }

    /// <summary>
    /// Gives the buffer back to the loop's pool while nothing is in it, so that an idle connection
    /// costs little and a busy one does not allocate a buffer per request.
    /// </summary>
    public void ReleaseBufferIfEmpty()
    {
        if (_start != _end || _buffer is null) return;
        if (_buffer.Length == BufferSize) _loop.ReturnBuffer(_buffer);
        _buffer = null;
    }

    /// <summary>The size of pooled receive buffers.</summary>
    public const int BufferSize = 2048;

    /// <summary>
    /// Reads what the kernel has into the buffer. Returns Success (bytes added), WouldBlock,
    /// Shutdown (the peer closed: also sets PeerClosed) or another error.
    /// </summary>
    public SocketError Fill(int maxBuffered)
    {
        if (Socket is null) return SocketError.Shutdown;
        if (_peerClosed) return SocketError.Shutdown;
        if (_buffer is null) _buffer = _loop.RentBuffer();
        else if (_end == _buffer.Length)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            else
            {
                if (_buffer.Length >= maxBuffered) return SocketError.NoBufferSpaceAvailable;
                Array.Resize(ref _buffer, (int)Math.Min(_buffer.Length * 2L, Math.Max(maxBuffered, 2048)));
            }
        }
        if (!_mayRead && !_hungUp) return SocketError.WouldBlock;
        int space = _buffer.Length - _end;
        int n = Socket.Receive(_buffer.AsSpan(_end), SocketFlags.None, out var error);
        if (error != SocketError.Success)
        {
            if (error == SocketError.WouldBlock) _mayRead = false;
            if (error is SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown)
            {
                _peerClosed = true;
                return SocketError.Shutdown;
            }
            return error;
        }
        if (n == 0)
        {
            _peerClosed = true;
            return SocketError.Shutdown;
        }
        _end += n;
        if (n < space) _mayRead = false; // a short read emptied the kernel's queue
        return SocketError.Success;
    }

    /// <summary>Sends as much as the kernel takes now; returns the error and adds the bytes written.</summary>
    public SocketError SendSome(ReadOnlySpan<byte> data, ref int written)
    {
        if (Socket is null) return SocketError.Shutdown;
        while (written < data.Length)
        {
            int n = Socket.Send(data[written..], SocketFlags.None, out var error);
            if (error != SocketError.Success)
                return error is SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown
                    ? SocketError.Shutdown : error;
            written += n;
        }
        return SocketError.Success;
    }

    /// <summary>accept4 on the listening descriptor: a new non-blocking socket, or null (errno set) when none is pending.</summary>
    public Socket? TryAccept(out int errno)
    {
        errno = 0;
        if (Socket is null)
        {
            errno = 9; // EBADF
            return null;
        }
        int fd = LinuxInterop.accept4(_fd, 0, 0, LinuxInterop.SOCK_NONBLOCK | LinuxInterop.SOCK_CLOEXEC);
        if (fd < 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return null;
        }
        return new Socket(new SafeSocketHandle(fd, ownsHandle: true));
    }

    /// <summary>Text for a socket error, in the words Lua programs see ("closed", "timeout", or the system's).</summary>
    public static string Describe(SocketError error) => error switch
    {
        SocketError.Shutdown or SocketError.ConnectionReset or SocketError.ConnectionAborted => "closed",
        SocketError.TimedOut => "timeout",
        SocketError.ConnectionRefused => "connection refused",
        SocketError.AddressAlreadyInUse => "address already in use",
        SocketError.AddressNotAvailable => "cannot assign requested address",
        SocketError.AccessDenied => "permission denied",
        SocketError.HostUnreachable => "host is unreachable",
        SocketError.NetworkUnreachable => "network is unreachable",
        SocketError.NoBufferSpaceAvailable => "line too long",
        SocketError.IsConnected => "already connected", // LuaSocket's words for EISCONN
        _ => new SocketException((int)error).Message.ToLowerInvariant(),
    };
}
