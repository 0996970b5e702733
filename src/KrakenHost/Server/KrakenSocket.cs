using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using LuaVm.Runtime;

namespace KrakenHost.Server;

/// <summary>
/// A TCP socket owned by the event loop: non-blocking, registered once with the loop's epoll set
/// (edge-triggered), with a receive buffer for line and count reads and a queue of bytes to send.
/// At most one operation waits to read and one to write at a time; they are retried when epoll
/// says the socket is ready. Idle connections keep no buffer (each is dropped whenever it is
/// empty).
/// <para>
/// Held sends: while the receive buffer still holds bytes the application has not read (a
/// client that pipelines requests), a send is held in the queue instead of being written at
/// once, so that the responses to one read leave in one system call. Held bytes are written by
/// the next send that is not held, before the loop waits for events (EventLoop.FlushHeld), and
/// at close; a closed socket with bytes the kernel cannot take yet stays open, out of Lua's
/// reach, until they are written or <see cref="LingerSeconds"/> have passed.
/// </para>
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
    private Socket? _socket; // until released: a closed socket may linger to send what it holds
    private bool _closed, _held;
    private SendQueue? _queue;

    /// <summary>The most a socket holds back before a send is written at once.</summary>
    public const int MaxHeld = 64 * 1024;

    /// <summary>How long a closed socket may wait for the kernel to take the bytes it still holds.</summary>
    public const double LingerSeconds = 10;

    public KrakenSocket(EventLoop loop, Socket socket)
    {
        _loop = loop;
        _socket = socket;
        IsConnected = socket.Connected; // true for a socket made from an accepted descriptor
    }

    /// <summary>The .NET socket, or null once closed.</summary>
    public Socket? Socket => _closed ? null : _socket;

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

    /// <summary>Bytes taken from the receive buffer by reads, and bytes sends wrote or held (LuaSocket's getstats).</summary>
    public long BytesReceived, BytesSent;

    public EventLoop Loop => _loop;
    public bool IsClosed => _closed;
    public int BufferedCount => _end - _start;
    public bool PeerClosed => _peerClosed;
    public int Descriptor => _fd;

    /// <summary>
    /// The next read calls recv even if no readiness edge has come since the last one drained the
    /// socket: poll has just seen data (socket.select), or a LuaSocket call with a zero timeout
    /// must see what the kernel has now, as LuaSocket's recv would, without the loop turning.
    /// </summary>
    public void MarkReadable() => _mayRead = true;

    /// <summary>Puts the socket in non-blocking mode and under the loop's watch (once).</summary>
    public void Watch()
    {
        if (_token != 0 || _closed || _socket is null) return;
        _socket.Blocking = false;
        _fd = (int)_socket.Handle;
        _token = _loop.Register(_fd, this);
    }

    public void OnReady(bool readable, bool writable, bool hangUp)
    {
        if (readable) _mayRead = true;
        if (hangUp) _hungUp = true; // that edge comes once: reads must go on until they see the end
        if (readable) _reader?.Retry();
        if (!writable) return;
        if (_writer is not null) _writer.Retry();
        else if (_queue is { Count: > 0 }) WriteHeld();
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
        if (next != long.MaxValue && !_closed) WatchDeadline(next);
    }

    private ReceiveOperation? _receiving;
    private SendOperation? _sending;

    /// <summary>The receive operation for a call: the socket's own, reused, unless it is still waiting for another coroutine.</summary>
    public ReceiveOperation Receiving(ReceiveKind kind, int count, LuaString? prefix, bool luaSocket = false)
    {
        var op = _receiving is { IsWaiting: false } idle ? idle : _receiving = new ReceiveOperation(this);
        return op.For(kind, count, prefix, luaSocket);
    }

    /// <summary>The send operation for a call, reused like <see cref="Receiving"/>.</summary>
    public SendOperation Sending(byte[] data, bool mayHold, long luaSocketBase = -1)
    {
        var op = _sending is { IsWaiting: false } idle ? idle : _sending = new SendOperation(this);
        return op.For(data, mayHold, luaSocketBase);
    }

    /// <summary>Claims the read or write slot for a waiting operation; false when another already waits.</summary>
    public bool Attach(SocketOperation op, bool write)
    {
        ref var slot = ref write ? ref _writer : ref _reader;
        if (slot is not null && slot != op) return false;
        slot = op;
        if (write) WatchWrites();
        return true;
    }

    private bool _watchingWrites;

    /// <summary>From the first wait to write on, epoll reports this socket's writability too (it stays on: waits to write are rare).</summary>
    private void WatchWrites()
    {
        if (_watchingWrites || _token == 0) return;
        _watchingWrites = true;
        _loop.WatchWrites(_fd, _token);
    }

    public void Detach(SocketOperation op)
    {
        if (_reader == op) _reader = null;
        if (_writer == op) _writer = null;
    }

    /// <summary>
    /// Closes the socket for Lua: operations waiting on it end with "closed", and it cannot be
    /// used any more. Closing twice is harmless. Bytes it holds are still written: if the kernel
    /// cannot take them now, the descriptor lingers until it can (or <see cref="LingerSeconds"/>).
    /// </summary>
    public void Close()
    {
        if (_closed) return;
        _closed = true;
        _deadlineTimer?.Cancel();
        _deadlineTimer = null;
        if (_buffer?.Length == BufferSize) _loop.ReturnBuffer(_buffer);
        _buffer = null;
        _start = _end = 0;
        _reader?.Abort("closed");
        _writer?.Abort("closed"); // drops what of its own data it had queued
        if (_queue is { Count: > 0 } && _socket is not null && _token != 0) WriteHeld();
        if (_queue is { Count: > 0 } && _token != 0) _loop.AddTimer(LingerSeconds, Release);
        else Release();
        OnClosed?.Invoke();
        OnClosed = null;
    }

    /// <summary>
    /// LuaSocket's setfd: the descriptor now belongs to someone else. The socket is closed for Lua
    /// as by <see cref="Close"/> (what it holds is dropped), and leaves the loop's watch, but the
    /// descriptor itself stays open.
    /// </summary>
    public void Forget()
    {
        if (_closed) return;
        _queue?.Clear();
        _forgotten = true;
        Close();
    }

    private bool _forgotten;

    /// <summary>Gives the descriptor back to the system (after a close, once nothing is left to write).</summary>
    private void Release()
    {
        var socket = _socket;
        if (socket is null) return;
        _socket = null;
        _queue?.Clear();
        if (_token != 0) _loop.Unregister(_fd, _token);
        _token = 0;
        if (_forgotten)
        {
            // leave the descriptor open: nothing may close it, neither a Dispose (which, for a
            // handle marked invalid, would spin forever waiting for a release that never comes)
            // nor the finalizers of the socket and its handle
            GC.SuppressFinalize(socket.SafeHandle);
            GC.SuppressFinalize(socket);
            return;
        }
        try
        {
            socket.Dispose();
        }
        catch (SocketException)
        {
            // already reset by the peer: nothing to release
        }
    }

    // ---- the send queue ----

    /// <summary>True when bytes wait in the queue.</summary>
    public bool HasQueued => _queue is { Count: > 0 };

    /// <summary>Bytes ever handed to the kernel from the queue (see <see cref="SendQueue.Sent"/>).</summary>
    public long QueueSent => _queue?.Sent ?? 0;

    /// <summary>
    /// True when a send of <paramref name="length"/> bytes should be held: the application has
    /// not read all that arrived (another request is waiting, so another response will follow at
    /// once), no send waits, and the queue stays small.
    /// </summary>
    public bool MayHold(int length) => _end > _start && _writer is null && (_queue?.Count ?? 0) + length <= MaxHeld;

    /// <summary>Queues bytes (written later); returns the queue position after them.</summary>
    public long Queue(ReadOnlySpan<byte> data)
    {
        _queue ??= new SendQueue(_loop);
        long end = _queue.Append(data);
        if (!_held)
        {
            _held = true;
            _loop.Hold(this);
        }
        return end;
    }

    /// <summary>Forgets queued bytes after <paramref name="position"/> that were not written (a send that gave up).</summary>
    public void Unqueue(long position) => _queue?.DropAfter(position);

    /// <summary>Writes what the kernel takes of the queue: Success once it is empty, WouldBlock, or the failure.</summary>
    public SocketError WriteQueued()
    {
        if (_queue is null || _socket is null) return _socket is null ? SocketError.Shutdown : SocketError.Success;
        while (_queue.Count > 0)
        {
            int n = Send(_queue.Pending, out var error);
            if (error != SocketError.Success)
            {
                if (error == SocketError.WouldBlock) return error;
                _queue.Clear(); // the connection failed: nothing more can be written
                return error is SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown
                    ? SocketError.Shutdown : error;
            }
            _queue.Consume(n);
        }
        return SocketError.Success;
    }

    /// <summary>Called by the loop before it waits for events: writes what was held, unless a send is waiting to do it.</summary>
    public void FlushHeld()
    {
        _held = false;
        if (_writer is null && _queue is { Count: > 0 }) WriteHeld();
    }

    /// <summary>Writes held bytes with no send waiting for them (the rest goes on the next writable edge); releases a closed socket once they are all gone.</summary>
    private void WriteHeld()
    {
        if (WriteQueued() == SocketError.WouldBlock) WatchWrites();
        if (_closed && _queue is not { Count: > 0 }) Release();
    }

    // ---- the receive buffer ----

    public ReadOnlySpan<byte> Buffered => _buffer is null ? default : _buffer.AsSpan(_start, _end - _start);

    public void Consume(int count)
    {
        BytesReceived += count;
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
        if (IsClosed) return SocketError.Shutdown;
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
        int n = Receive(_buffer.AsSpan(_end), out var error);
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

    // recv and send on the descriptor itself: .NET's Socket.Receive/Send add a handle reference
    // count and two layers of shims around the same system call, a tenth of a request's own work.
    private unsafe int Receive(Span<byte> into, out SocketError error)
    {
        while (true)
        {
            nint n;
            fixed (byte* p = into) n = LinuxInterop.recv(_fd, p, into.Length, 0);
            error = n >= 0 ? SocketError.Success : LinuxInterop.SocketErrorOf(Marshal.GetLastSystemError());
            if (error != SocketError.Interrupted) return (int)Math.Max(n, 0);
        }
    }

    private unsafe int Send(ReadOnlySpan<byte> data, out SocketError error)
    {
        while (true)
        {
            nint n;
            fixed (byte* p = data) n = LinuxInterop.send(_fd, p, data.Length, LinuxInterop.MSG_NOSIGNAL);
            error = n >= 0 ? SocketError.Success : LinuxInterop.SocketErrorOf(Marshal.GetLastSystemError());
            if (error != SocketError.Interrupted) return (int)Math.Max(n, 0);
        }
    }

    /// <summary>Sends as much as the kernel takes now; returns the error and adds the bytes written.</summary>
    public SocketError SendSome(ReadOnlySpan<byte> data, ref int written, int step = int.MaxValue)
    {
        if (IsClosed) return SocketError.Shutdown;
        while (written < data.Length)
        {
            int n = Send(data.Slice(written, Math.Min(step, data.Length - written)), out var error);
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
        if (_closed)
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
