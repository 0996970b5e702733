using System.Net;
using System.Net.Sockets;
using LuaVm.Runtime;

namespace KrakenHost.Server.LuaSocket;

/// <summary>The three states of a LuaSocket TCP object; each is a class (metatable) of its own, as in LuaSocket.</summary>
internal enum TcpClass
{
    Master,
    Client,
    Server,
}

/// <summary>
/// What LuaSocket keeps per object, TCP or UDP: the socket (a <see cref="KrakenSocket"/>, so
/// its waits are the loop's), the address family, the block and total timeouts, the birthday
/// for getstats. A socket.tcp() or socket.udp() object has no socket until bind, connect (or
/// sendto) picks a family.
/// </summary>
internal abstract class LuaSocketObject
{
    private static long _lastId;
    private readonly EventLoop _loop;

    protected LuaSocketObject(EventLoop loop, AddressFamily family)
    {
        _loop = loop;
        Family = family;
        Id = Interlocked.Increment(ref _lastId);
        Birthday = EventLoop.UnixTime;
    }

    /// <summary>Null before bind/connect picks a family, and after setfd to a descriptor that is not a socket.</summary>
    public KrakenSocket? Socket;

    /// <summary>Unspecified (socket.tcp(), socket.udp()) until bind or connect picks the first address that works.</summary>
    public AddressFamily Family;

    /// <summary>settimeout's block ("b") and total ("t") timeouts; negative means none.</summary>
    public double Block = -1, Total = -1;

    /// <summary>getstats' age counts from here (setstats moves it).</summary>
    public double Birthday;

    /// <summary>Stands in for the C object's address in tostring ("tcp{client}: 0x...").</summary>
    public readonly long Id;

    /// <summary>The kind of socket the object makes (SOCK_STREAM or SOCK_DGRAM).</summary>
    public abstract SocketType SocketType { get; }

    /// <summary>The class name tostring shows ("tcp{client}", "udp{unconnected}", ...).</summary>
    public abstract string ClassName { get; }

    /// <summary>
    /// The time limit of each call: LuaSocket measures both its timeouts from the start of a call
    /// (its "b" timeout, too, is what remains of it since the call started), so a call may wait
    /// at most the smaller one. Negative means no limit, 0 that the call must not wait at all.
    /// </summary>
    public double Timeout => Block < 0 ? Total : Total < 0 ? Block : Math.Min(Block, Total);

    /// <summary>The descriptor (getfd), or -1 (LuaSocket's SOCKET_INVALID).</summary>
    public int Fd => Socket is { IsClosed: false } s ? LuaTcp.DescriptorOf(s) : -1;

    /// <summary>The open socket, or null when closed or never made.</summary>
    public KrakenSocket? Open => Socket is { IsClosed: false } s ? s : null;

    /// <summary>
    /// LuaSocket closes a socket that Lua no longer references (its __gc). The loop holds the
    /// KrakenSocket, not this object, so when Lua drops this object the .NET collector finalizes
    /// it, and the loop closes the socket.
    /// </summary>
    ~LuaSocketObject()
    {
        if (Socket is { IsClosed: false } s) _loop.Post(s.Close);
    }
}

/// <summary>A LuaSocket TCP object (tcp{master}, tcp{client} or tcp{server}).</summary>
internal sealed class LuaTcp(EventLoop loop, AddressFamily family) : LuaSocketObject(loop, family)
{
    public TcpClass Class;

    public override SocketType SocketType => SocketType.Stream;

    public override string ClassName => NameOf(Class);

    public static int DescriptorOf(KrakenSocket s) => s.Descriptor >= 0 ? s.Descriptor : s.Socket is { } raw ? (int)raw.Handle : -1;

    public static string NameOf(TcpClass c) => c switch
    {
        TcpClass.Master => "tcp{master}",
        TcpClass.Client => "tcp{client}",
        _ => "tcp{server}",
    };
}

/// <summary>A LuaSocket UDP object (udp{unconnected} or udp{connected}).</summary>
internal sealed class LuaUdp(EventLoop loop, AddressFamily family) : LuaSocketObject(loop, family)
{
    public bool Connected;

    public override SocketType SocketType => SocketType.Dgram;

    public override string ClassName => Connected ? "udp{connected}" : "udp{unconnected}";
}

/// <summary>
/// connect(2) on a LuaSocket socket, through the descriptor (see <see cref="SocketCalls"/>):
/// finished at once, or waiting for writability, after which SO_ERROR tells the outcome.
/// Results: 1, or nil and the error in LuaSocket's words.
/// </summary>
internal sealed class TcpConnectOperation(KrakenSocket socket, IPEndPoint target) : SocketOperation(socket)
{
    private bool _started;
    private static readonly LuaValue[] One = [1];

    protected override bool WaitsToWrite => true;

    protected override bool Progress()
    {
        int fd = Socket.Descriptor;
        if (!_started)
        {
            _started = true;
            int errno = SocketCalls.Connect(fd, target);
            if (errno == 0) return Connected();
            if (errno is SocketCalls.EINPROGRESS or SocketCalls.EAGAIN) return false;
            Results = [LuaValue.Nil, LuaSocketErrors.Text(errno)];
            return true;
        }
        Span<byte> value = stackalloc byte[4];
        int error;
        try
        {
            Socket.Socket!.GetRawSocketOption(1 /* SOL_SOCKET */, 4 /* SO_ERROR */, value);
            error = BitConverter.ToInt32(value);
        }
        catch (SocketException e)
        {
            // this runs on a readiness event of the loop: an exception here would end the process
            Results = [LuaValue.Nil, LuaSocketErrors.Of(e)];
            return true;
        }
        if (error != 0)
        {
            Results = [LuaValue.Nil, LuaSocketErrors.Text(error)];
            return true;
        }
        return SocketCalls.IsReady(fd, write: true) && Connected();
    }

    private bool Connected()
    {
        Socket.IsConnected = true;
        Results = One;
        return true;
    }

    protected override LuaValue[] FailureResults(string error) => [LuaValue.Nil, error];
}

/// <summary>
/// What LuaSocket's bind and connect do with a host and a port: resolve them (off the loop for a
/// name), then bind to the first local address that takes it, and connect to the first remote
/// address that answers, making a socket of each address's family as needed (inet.c's
/// inet_trybind and inet_tryconnect). Used by tcp:bind, tcp:connect and socket.connect.
/// Results: <c>success</c>, or nil and the last error.
/// </summary>
internal sealed class AddressOperation : IOperation
{
    private readonly LuaSocketModule _module;
    private readonly LuaSocketObject _tcp;
    private readonly Action? _onSuccess;
    private readonly string? _localHost, _remoteHost;
    private readonly string _localPort, _remotePort;
    private readonly LuaValue _success;
    private readonly bool _closeOnFailure;
    private IPAddress[]? _locals, _remotes;
    private int _next;
    private string? _error;
    private bool _resolving, _resolved, _bound;
    private TcpConnectOperation? _connecting;
    private Action<LuaValue[]>? _done;

    /// <param name="localHost">bind to this host (with <paramref name="localPort"/>) first; null: no bind</param>
    /// <param name="remoteHost">then connect there; null: bind only</param>
    /// <param name="closeOnFailure">socket.connect: a failed call closes the socket it made</param>
    /// <param name="onSuccess">runs when the call succeeds (udp's setpeername becomes connected only then)</param>
    public AddressOperation(LuaSocketModule module, LuaSocketObject tcp, string? localHost, string localPort,
        string? remoteHost, string remotePort, LuaValue success, bool closeOnFailure, Action? onSuccess = null)
    {
        _onSuccess = onSuccess;
        _module = module;
        _tcp = tcp;
        _localHost = localHost;
        _localPort = localPort;
        _remoteHost = remoteHost;
        _remotePort = remotePort;
        _success = success;
        _closeOnFailure = closeOnFailure;
    }

    public LuaValue[] Results { get; private set; } = [];

    public bool Attempt()
    {
        if (!_resolved)
        {
            if (_resolving) return false;
            bool immediate = (_localHost is null || Resolver.IsImmediate(_localHost)) && (_remoteHost is null || Resolver.IsImmediate(_remoteHost));
            if (!immediate)
            {
                _resolving = true;
                Resolver.Run(_module.Loop, Resolve, _ =>
                {
                    _resolving = false;
                    _resolved = true;
                    if (Continue()) _done?.Invoke(Results);
                });
                return false;
            }
            Resolve();
            _resolved = true;
        }
        return Continue();
    }

    /// <summary>The lookups (off the loop thread when a name is involved): fills in the addresses or the error.</summary>
    private bool Resolve()
    {
        if (_localHost is not null) _locals = Lookup(_localHost, passive: true);
        if (_error is null && _remoteHost is not null) _remotes = Lookup(_remoteHost, passive: false);
        return true;
    }

    private IPAddress[]? Lookup(string host, bool passive)
    {
        if (passive && host == "*")
            return [_tcp.Family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any];
        var found = Resolver.Addresses(host, out _error);
        if (found is null) return null;
        // the socket's family, once known, limits the addresses (LuaSocket's hints.ai_family)
        if (_tcp.Family == AddressFamily.Unspecified) return found;
        var same = Array.FindAll(found, a => a.AddressFamily == _tcp.Family);
        // getaddrinfo's EAI_ADDRFAMILY, which LuaSocket reports with gai_strerror's text
        if (same.Length == 0) _error = "Address family for hostname not supported";
        return same.Length == 0 ? null : same;
    }

    /// <summary>After the lookups: bind, then connect; true when finished (Results set), false when a connect waits.</summary>
    private bool Continue()
    {
        if (_error is not null || (_localHost is not null && _locals is null) || (_remoteHost is not null && _remotes is null))
            return Finish(fail: true);
        if (_locals is not null && !_bound)
        {
            _bound = true;
            if (!BindFirst()) return Finish(fail: true);
        }
        if (_remotes is null) return Finish(fail: false);
        while (_next < _remotes.Length)
        {
            var address = _remotes[_next++];
            var socket = _module.SocketFor(_tcp, address.AddressFamily, out _error);
            if (socket is null) continue;
            socket.Watch();
            int port = Resolver.Port(_remotePort);
            if (port < 0)
            {
                _error = "service not supported for socket type";
                return Finish(fail: true);
            }
            var op = new TcpConnectOperation(socket, new IPEndPoint(address, port));
            if (op.Attempt())
            {
                if (op.Results[0].IsTruthy) return Finish(fail: false);
                _error = op.Results[1].AsString?.ToLatin1String();
                continue;
            }
            if (_tcp.Timeout == 0)
            {
                // LuaSocket stops at the first address when the timeout is zero: the connect goes on
                _error = "timeout";
                return Finish(fail: true, keep: true);
            }
            socket.Timeout = _tcp.Timeout;
            _connecting = op;
            // after a lookup, or for the next address: the call is already waiting, so this op waits at once
            if (_done is not null && !op.Wait(OnConnected))
            {
                _connecting = null;
                _error = "another coroutine is already waiting on this socket";
                return Finish(fail: true);
            }
            return false;
        }
        return Finish(fail: true);
    }

    private bool BindFirst()
    {
        int port = Resolver.Port(_localPort);
        if (port < 0)
        {
            _error = "service not supported for socket type";
            return false;
        }
        foreach (var address in _locals!)
        {
            var socket = _module.SocketFor(_tcp, address.AddressFamily, out _error);
            if (socket is null) continue;
            int errno = SocketCalls.Bind(LuaTcp.DescriptorOf(socket), new IPEndPoint(address, port));
            if (errno == 0)
            {
                _error = null;
                return true;
            }
            _error = LuaSocketErrors.Text(errno);
        }
        return false;
    }

    private void OnConnected(LuaValue[] results)
    {
        _connecting = null;
        if (results[0].IsTruthy)
        {
            Finish(fail: false);
        }
        else
        {
            _error = results[1].AsString?.ToLatin1String();
            if (!Continue()) return; // the next address waits
        }
        _done!(Results);
    }

    private bool Finish(bool fail, bool keep = false)
    {
        if (!fail)
        {
            if (_tcp.Open is { } open) _tcp.Family = open.Socket!.AddressFamily;
            _onSuccess?.Invoke();
            Results = [_success];
            return true;
        }
        if (keep && _tcp.Open is { } connecting) _tcp.Family = connecting.Socket!.AddressFamily;
        if (_closeOnFailure && !keep) _tcp.Open?.Close();
        Results = [LuaValue.Nil, LuaString.FromLatin1(_error ?? "host or service not provided, or not known")];
        return true;
    }

    public bool Wait(Action<LuaValue[]> done)
    {
        _done = done;
        return _connecting is null || _connecting.Wait(OnConnected);
    }

    public LuaValue[] GiveUp(string error) => Results; // not used: the zero timeout is handled above
}
