using System.Net;
using System.Net.Sockets;
using System.Text;
using LuaVm;
using LuaVm.Runtime;

namespace KrakenHost.Server.LuaSocket;

/// <summary>
/// socket.core: LuaSocket 3.0's C core (its documented API and the behaviour of its tcp.c,
/// buffer.c, inet.c, options.c, select.c and timeout.c), written on kraken's event loop. Every
/// call that would block goes through <see cref="KrakenServer.Suspend"/>: in a coroutine the loop
/// runs it yields to the loop; elsewhere the loop turns inside the call until it is done, which
/// is LuaSocket's blocking call as seen by the script. UDP: LuaSocketModule.Udp.cs. See
/// docs/server.md, "Talking to other services".
/// </summary>
internal sealed partial class LuaSocketModule
{
    /// <summary>socket._VERSION as Debian's LuaSocket (3.1.0) reports it.</summary>
    public const string Version = "LuaSocket 3.0.0";

    private readonly KrakenServer _server;
    private readonly LuaTable[] _classes = new LuaTable[3];
    // sockets by descriptor, for socket.select on objects that only have a getfd method (socket.lua's sinks and sources)
    private readonly Dictionary<int, KrakenSocket> _byFd = [];
    private bool _classesMade;
    private readonly bool _debug = TimedOperation.Enabled; // LUASOCKET_DEBUG's behaviour: see TimedOperation

    private LuaSocketModule(KrakenServer server) => _server = server;

    public EventLoop Loop => _server.Loop;

    /// <summary>
    /// Makes the LuaSocket family available to require: socket.core, and the Lua-level socket,
    /// ltn12, mime, socket.url, socket.headers and socket.http (mime.core comes with the other
    /// built-in C modules of LuaModules). They are found where lua5.1 looks for C modules, so the
    /// same-named Lua files of an installed LuaSocket, on package.path, win.
    /// </summary>
    public static void AddTo(LuaState state, KrakenServer server)
    {
        var module = new LuaSocketModule(server);
        state.AddBuiltinModule("socket.core", module.Open);
        state.AddBuiltinModule("socket", call => LuaParts.Run(call, LuaParts.Socket, "=[kraken] socket.lua"));
        state.AddBuiltinModule("ltn12", call => LuaParts.Run(call, LuaParts.Ltn12, "=[kraken] ltn12.lua"));
        state.AddBuiltinModule("mime", call => LuaParts.Run(call, LuaParts.Mime, "=[kraken] mime.lua"));
        state.AddBuiltinModule("socket.url", call => LuaParts.Run(call, LuaParts.Url, "=[kraken] socket/url.lua"));
        state.AddBuiltinModule("socket.headers", call => LuaParts.Run(call, LuaParts.Headers, "=[kraken] socket/headers.lua"));
        state.AddBuiltinModule("socket.http", call => LuaParts.Run(call, LuaParts.Http, "=[kraken] socket/http.lua"));
    }

    private int Open(CallContext call)
    {
        var state = call.State;
        MakeClasses(state);
        var core = new LuaTable();
        void F(string name, LuaNativeFunction f) => core.Set(name, state.CreateFunction(name, f));
        F("tcp", c => NewTcp(c, AddressFamily.Unspecified));
        F("tcp4", c => NewTcp(c, AddressFamily.InterNetwork));
        F("tcp6", c => NewTcp(c, AddressFamily.InterNetworkV6));
        F("connect", GlobalConnect);
        F("select", Select);
        F("sleep", Sleep);
        F("gettime", c => c.Return(EventLoop.UnixTime));
        F("skip", Skip);
        F("__unload", c => c.Return());
        F("udp", c => NewUdp(c, AddressFamily.Unspecified));
        F("udp4", c => NewUdp(c, AddressFamily.InterNetwork));
        F("udp6", c => NewUdp(c, AddressFamily.InterNetworkV6));
        core.Set("_VERSION", Version);
        if (_debug) core.Set("_DEBUG", true);
        core.Set("_SETSIZE", 1024);
        core.Set("_SOCKETINVALID", -1);
        core.Set("_DATAGRAMSIZE", 8192);
        var dns = new LuaTable();
        void D(string name, LuaNativeFunction f) => dns.Set(name, state.CreateFunction(name, f));
        D("toip", c => HostLookup(c, toIp: true));
        D("tohostname", c => HostLookup(c, toIp: false));
        D("gethostname", GetHostName);
        D("getaddrinfo", GetAddrInfo);
        D("getnameinfo", GetNameInfo);
        core.Set("dns", dns);
        // newtry and protect are Lua: protect's pcall must let a coroutine yield through it
        state.Call(state.Load(Encoding.Latin1.GetBytes(LuaParts.CorePrelude), "=[kraken] socket.core"), core);
        return call.Return(core);
    }

    // ---- the tcp classes ----

    private void MakeClasses(LuaState state)
    {
        if (_classesMade) return;
        _classesMade = true;
        var methods = new (string, LuaNativeFunction)[]
        {
            ("accept", Accept), ("bind", Bind), ("close", c => Close(c, Check(c, null))), ("connect", Connect),
            ("dirty", c => c.Return(Check(c, null).Open is { BufferedCount: > 0 })),
            ("getfamily", c => GetFamily(c, Check(c, null))), ("getfd", c => c.Return(Check(c, null).Fd)),
            ("getoption", c => SocketOptions.Get(c, Check(c, null), SocketOptions.TcpGettable)),
            ("getpeername", c => Name(c, Check(c, null), peer: true)), ("getsockname", c => Name(c, Check(c, null), peer: false)),
            ("getstats", GetStats), ("setstats", SetStats), ("listen", Listen), ("receive", Receive), ("send", Send),
            ("setfd", c => SetFd(c, Check(c, null))), ("setoption", c => SocketOptions.Set(c, Check(c, null), SocketOptions.TcpSettable)),
            ("setpeername", Connect), ("setsockname", Bind),
            ("settimeout", c => SetTimeout(c, Check(c, null))), ("gettimeout", c => GetTimeout(c, Check(c, null))), ("shutdown", Shutdown),
        };
        var functions = new LuaTable();
        foreach (var (name, f) in methods) functions.Set(name, state.CreateFunction(name, f));
        var tostring = state.CreateFunction("tostring", c =>
        {
            var tcp = Check(c, null);
            return c.Return($"{tcp.ClassName}: 0x{0x55d0_0000_0000 + tcp.Id * 0x60:x}");
        });
        var gc = state.CreateFunction("close", c => Close(c, Check(c, null)));
        MakeUdpClasses(state);
        foreach (var cls in new[] { TcpClass.Master, TcpClass.Client, TcpClass.Server })
        {
            var index = new LuaTable();
            foreach (var (name, _) in methods) index.Set(name, functions.Get(name));
            index.Set("class", LuaTcp.NameOf(cls));
            var meta = new LuaTable();
            meta.Set("__index", index);
            meta.Set("__tostring", tostring);
            meta.Set("__gc", gc);
            meta.Set("tcp{any}", true);
            _classes[(int)cls] = meta;
            state.Registry.Set(LuaTcp.NameOf(cls), meta); // luaL_newmetatable's place, as LuaSocket's
        }
    }

    /// <summary>The tcp object at argument 1, of the given class (null: any), else LuaSocket's argument error.</summary>
    private static LuaTcp Check(CallContext call, TcpClass? wanted)
    {
        if (call[1].Obj is LuaUserdata { Value: LuaTcp tcp } && (wanted is null || tcp.Class == wanted)) return tcp;
        throw call.ArgError(1, $"{(wanted is { } c ? LuaTcp.NameOf(c) : "tcp{any}")} expected");
    }

    private void SetClass(CallContext call, LuaTcp tcp, TcpClass cls)
    {
        tcp.Class = cls;
        ((LuaUserdata)call[1].Obj!).Metatable = _classes[(int)cls];
    }

    private LuaValue Wrap(LuaTcp tcp) => new(new LuaUserdata(tcp, _classes[(int)tcp.Class]));

    private int NewTcp(CallContext call, AddressFamily family)
    {
        var tcp = new LuaTcp(Loop, family);
        if (family != AddressFamily.Unspecified && SocketFor(tcp, family, out string? error) is null)
            return call.Return(LuaValue.Nil, error);
        return call.Return(Wrap(tcp));
    }

    /// <summary>
    /// The tcp object's socket for an address family: its own if it has that family, else a new
    /// one (an IPv6 socket is IPv6-only, as LuaSocket makes them), replacing the old, which is
    /// closed. Null and the error when no socket can be made.
    /// </summary>
    public KrakenSocket? SocketFor(LuaSocketObject tcp, AddressFamily family, out string? error)
    {
        error = null;
        if (tcp.Open is { } open && open.Socket!.AddressFamily == family) return open;
        tcp.Open?.Close();
        Socket? raw = null;
        try
        {
            raw = new Socket(family, tcp.SocketType, tcp is LuaUdp ? ProtocolType.Udp : ProtocolType.Tcp);
            if (family == AddressFamily.InterNetworkV6) raw.SetRawSocketOption(41 /* IPPROTO_IPV6 */, 26 /* IPV6_V6ONLY */, BitConverter.GetBytes(1));
            raw.Blocking = false;
        }
        catch (SocketException e)
        {
            raw?.Dispose();
            error = LuaSocketErrors.Of(e);
            return null;
        }
        return tcp.Socket = Track(new KrakenSocket(Loop, raw));
    }

    private KrakenSocket Track(KrakenSocket socket)
    {
        int fd = LuaTcp.DescriptorOf(socket);
        _byFd[fd] = socket;
        socket.OnClosed = () =>
        {
            if (_byFd.TryGetValue(fd, out var known) && known == socket) _byFd.Remove(fd);
        };
        return socket;
    }

    // ---- waiting ----

    /// <summary>A call that may wait for something other than one socket (lookups, connect's address list).</summary>
    private int Run(CallContext call, IOperation op) =>
        op.Attempt() ? KrakenServer.Return(call, op.Results) : _server.Suspend(call, op);

    /// <summary>
    /// A socket operation under the object's timeouts: tried at once; with a zero timeout an
    /// unfinished call returns "timeout" (and what it got) without waiting, as LuaSocket's
    /// non-blocking calls do; otherwise it waits at most the timeout.
    /// </summary>
    private int RunSocket(CallContext call, LuaSocketObject tcp, KrakenSocket socket, SocketOperation operation, bool timed = false)
    {
        IOperation op = timed && _debug ? new TimedOperation(operation) : operation;
        double timeout = tcp.Timeout;
        socket.Watch();
        if (timeout == 0) socket.MarkReadable(); // see what the kernel has now, whether or not the loop has turned
        if (op.Attempt()) return KrakenServer.Return(call, op.Results);
        if (timeout == 0) return KrakenServer.Return(call, op.GiveUp("timeout"));
        socket.Timeout = timeout;
        return _server.Suspend(call, op);
    }

    /// <summary>A send or receive that ends before any I/O: its three values (and, as LUASOCKET_DEBUG, the time taken, none).</summary>
    private int Finished(CallContext call, LuaValue value, LuaValue error, LuaValue partial) =>
        _debug ? KrakenServer.Return(call, [value, error, partial, new LuaValue(0.0)]) : call.Return(value, error, partial);

    // ---- methods ----

    private int Connect(CallContext call)
    {
        var tcp = Check(call, null);
        string host = call.CheckString(2).ToLatin1String();
        string port = call.CheckString(3).ToLatin1String();
        // LuaSocket makes the object a client even when the connect fails (a non-blocking connect goes on)
        SetClass(call, tcp, TcpClass.Client);
        return Run(call, new AddressOperation(this, tcp, null, "0", host, port, 1, closeOnFailure: false));
    }

    private int Bind(CallContext call)
    {
        var tcp = Check(call, TcpClass.Master);
        string host = call.CheckString(2).ToLatin1String();
        string port = call.CheckString(3).ToLatin1String();
        return Run(call, new AddressOperation(this, tcp, host, port, null, "0", 1, closeOnFailure: false));
    }

    /// <summary>socket.connect(address, port[, laddress[, lport[, family]]]): a client object, or nil and the error.</summary>
    private int GlobalConnect(CallContext call)
    {
        string host = call.CheckString(1).ToLatin1String();
        string port = call.CheckString(2).ToLatin1String();
        string? localHost = call.OptString(3, null)?.ToLatin1String();
        string localPort = call.OptString(4, null)?.ToLatin1String() ?? "0";
        var family = call.CheckOption(5, "unspec", "unspec", "inet", "inet6") switch
        {
            1 => AddressFamily.InterNetwork,
            2 => AddressFamily.InterNetworkV6,
            _ => AddressFamily.Unspecified,
        };
        var tcp = new LuaTcp(Loop, family) { Class = TcpClass.Client };
        return Run(call, new AddressOperation(this, tcp, localHost, localPort, host, port, Wrap(tcp), closeOnFailure: true));
    }

    private int Listen(CallContext call)
    {
        var tcp = Check(call, TcpClass.Master);
        int backlog = (int)CallContext.ToInteger(call.OptNumber(2, 32));
        var socket = tcp.Open;
        int errno = socket is null ? SocketCalls.EBADF : SocketCalls.Listen(LuaTcp.DescriptorOf(socket), backlog);
        if (errno != 0) return call.Return(LuaValue.Nil, LuaSocketErrors.Text(errno));
        socket!.IsListening = true;
        socket.Watch();
        SetClass(call, tcp, TcpClass.Server);
        return call.Return(1);
    }

    private int Accept(CallContext call)
    {
        var tcp = Check(call, TcpClass.Server);
        if (tcp.Open is not { } listener) return call.Return(LuaValue.Nil, "closed");
        listener.Watch();
        var op = new AcceptOperation(listener, raw =>
        {
            var client = new LuaTcp(Loop, tcp.Family) { Class = TcpClass.Client };
            client.Socket = Track(new KrakenSocket(Loop, raw));
            client.Socket.Watch();
            return [Wrap(client)];
        });
        return RunSocket(call, tcp, listener, op);
    }

    private int Receive(CallContext call)
    {
        var tcp = Check(call, TcpClass.Client);
        var prefix = call.IsNoneOrNil(3) ? LuaString.Empty : call.CheckString(3);
        ReceiveKind kind;
        int count = 0;
        if (call[2].IsNumber || (call[2].IsString && call[2].TryToNumber(out _)))
        {
            call[2].TryToNumber(out double n);
            if (!(n >= 0)) throw call.ArgError(2, "invalid receive pattern");
            // LuaSocket counts the prefix in the number of bytes wanted
            double wanted = Math.Min(Math.Floor(n), LuaString.MaxLength);
            if (prefix.Length > 0 && wanted <= prefix.Length) return Finished(call, prefix, LuaValue.Nil, LuaValue.Nil);
            kind = ReceiveKind.Count;
            count = (int)(wanted - prefix.Length);
        }
        else
        {
            var p = call.IsNoneOrNil(2) ? "*l" : call.CheckString(2).ToLatin1String();
            kind = p.StartsWith("*l", StringComparison.Ordinal) ? ReceiveKind.Line
                : p.StartsWith("*a", StringComparison.Ordinal) ? ReceiveKind.All
                : throw call.ArgError(2, "invalid receive pattern");
        }
        if (tcp.Open is not { } socket) return Finished(call, LuaValue.Nil, "closed", prefix);
        return RunSocket(call, tcp, socket, socket.Receiving(kind, count, prefix.Length == 0 ? null : prefix, luaSocket: true), timed: true);
    }

    private int Send(CallContext call)
    {
        var tcp = Check(call, TcpClass.Client);
        var data = call.CheckString(2);
        long size = data.Length;
        long start = CallContext.ToInteger(call.OptNumber(3, 1));
        long end = CallContext.ToInteger(call.OptNumber(4, -1));
        if (start < 0) start = size + start + 1;
        if (end < 0) end = size + end + 1;
        if (start < 1) start = 1;
        if (end > size) end = size;
        if (start > end) return Finished(call, start - 1, LuaValue.Nil, LuaValue.Nil);
        if (tcp.Open is not { } socket) return Finished(call, LuaValue.Nil, "closed", start - 1);
        byte[] bytes = start == 1 && end == size ? data.Bytes : data.Bytes.AsSpan((int)start - 1, (int)(end - start + 1)).ToArray();
        // never held (see "Pipelined requests"): a LuaSocket send has written its bytes when it returns
        return RunSocket(call, tcp, socket, socket.Sending(bytes, mayHold: false, luaSocketBase: start - 1), timed: true);
    }

    private static int Close(CallContext call, LuaSocketObject tcp)
    {
        tcp.Open?.Close();
        return call.Return(1);
    }

    private int Shutdown(CallContext call)
    {
        var tcp = Check(call, TcpClass.Client);
        int how = call.CheckOption(2, "both", "receive", "send", "both");
        try
        {
            tcp.Open?.Socket?.Shutdown(how switch { 0 => SocketShutdown.Receive, 1 => SocketShutdown.Send, _ => SocketShutdown.Both });
        }
        catch (SocketException)
        {
            // LuaSocket ignores shutdown's result
        }
        return call.Return(1);
    }

    private static int GetFamily(CallContext call, LuaSocketObject tcp) =>
        call.Return(tcp.Family == AddressFamily.InterNetworkV6 ? "inet6" : "inet4");

    private static string FamilyName(AddressFamily family) => family switch
    {
        AddressFamily.InterNetwork => "inet",
        AddressFamily.InterNetworkV6 => "inet6",
        _ => "unspec",
    };

    /// <summary>getpeername / getsockname: host, port, family; getsockname's port is a string, as Debian's LuaSocket gives it.</summary>
    private static int Name(CallContext call, LuaSocketObject tcp, bool peer)
    {
        int fd = tcp.Fd, errno = SocketCalls.EBADF;
        var endpoint = fd < 0 ? null : SocketCalls.Name(fd, peer, out errno);
        if (endpoint is null) return call.Return(LuaValue.Nil, LuaSocketErrors.Text(errno));
        LuaValue port = peer ? endpoint.Port : endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return call.Return(endpoint.Address.ToString(), port, FamilyName(tcp.Family));
    }

    private static int GetStats(CallContext call)
    {
        var tcp = Check(call, TcpClass.Client);
        return call.Return(tcp.Socket?.BytesReceived ?? 0, tcp.Socket?.BytesSent ?? 0, EventLoop.UnixTime - tcp.Birthday);
    }

    private static int SetStats(CallContext call)
    {
        var tcp = Check(call, TcpClass.Client);
        if (tcp.Socket is { } s)
        {
            s.BytesReceived = CallContext.ToInteger(call.OptNumber(2, s.BytesReceived));
            s.BytesSent = CallContext.ToInteger(call.OptNumber(3, s.BytesSent));
        }
        if (call[4].TryToNumber(out double age)) tcp.Birthday = EventLoop.UnixTime - age;
        return call.Return(1);
    }

    private static int SetTimeout(CallContext call, LuaSocketObject tcp)
    {
        double t = call.OptNumber(2, -1);
        string mode = call.IsNoneOrNil(3) ? "b" : call.CheckString(3).ToLatin1String();
        switch (mode.Length > 0 ? mode[0] : '\0')
        {
            case 'b': tcp.Block = t; break;
            case 'r' or 't': tcp.Total = t; break;
            default: throw call.ArgError(3, "invalid timeout mode");
        }
        return call.Return(1);
    }

    private static int GetTimeout(CallContext call, LuaSocketObject tcp)
    {
        return call.Return(tcp.Block, tcp.Total);
    }

    /// <summary>
    /// setfd(n): the object takes descriptor n (LuaSocket: "very dangerous"). Its old socket is
    /// left open, as in LuaSocket, which only overwrites the number: someone else owns it now
    /// (the usual use is setfd(-1) after handing the descriptor over).
    /// </summary>
    private int SetFd(CallContext call, LuaSocketObject tcp)
    {
        int fd = (int)CallContext.ToInteger(call.CheckNumber(2));
        if (fd == tcp.Fd) return call.Return();
        tcp.Open?.Forget();
        tcp.Socket = null;
        if (fd < 0) return call.Return();
        // a descriptor another object of this state still uses cannot be watched twice by the
        // loop's epoll set: this object is left without a socket, as after close
        if (_byFd.TryGetValue(fd, out var owner) && !owner.IsClosed) return call.Return();
        try
        {
            var raw = new Socket(new SafeSocketHandle(fd, ownsHandle: true)) { Blocking = false };
            tcp.Socket = Track(new KrakenSocket(Loop, raw));
            if (tcp is not LuaTcp { Class: TcpClass.Master }) tcp.Socket.Watch();
        }
        catch (Exception e) when (e is SocketException or ArgumentException or IOException)
        {
            // not a socket: the object is left without one, as after close
        }
        return call.Return();
    }

    // ---- module functions ----

    private int Sleep(CallContext call)
    {
        double n = call.CheckNumber(1);
        if (!(n > 0)) n = 0;
        return _server.Sleep(call, Math.Min(n, int.MaxValue));
    }

    private static int Skip(CallContext call)
    {
        int amount = (int)call.CheckInteger(1);
        int first = amount + 2;
        int count = Math.Max(0, call.ArgCount - amount - 1);
        for (int i = 0; i < count; i++) call.Push(call[first + i]);
        return count;
    }

    /// <summary>socket.select(recvt, sendt[, timeout]): see <see cref="SelectOperation"/>.</summary>
    private int Select(CallContext call)
    {
        double timeout = call.OptNumber(3, -1);
        var read = new List<SelectOperation.Entry>();
        var write = new List<SelectOperation.Entry>();
        var dirty = new List<SelectOperation.Entry>();
        Collect(call, 1, read, dirty);
        Collect(call, 2, write, null);
        if (timeout < 0 || double.IsNaN(timeout)) timeout = double.PositiveInfinity;
        return Run(call, new SelectOperation(Loop, read, write, dirty, dirty.Count > 0 ? 0 : timeout));
    }

    /// <summary>
    /// The sockets of a select set (1, 2, ... until the first nil): each entry's descriptor comes
    /// from its getfd method, and, for recvt, its dirty method puts it in <paramref name="dirty"/>.
    /// kraken's own sockets (kraken.socket, a connection's client) are accepted too. A descriptor
    /// that appears twice is returned once, as the last object that had it.
    /// </summary>
    private void Collect(CallContext call, int n, List<SelectOperation.Entry> into, List<SelectOperation.Entry>? dirty)
    {
        if (call[n].IsNil) return;
        var set = call.CheckTable(n);
        var seen = new Dictionary<int, (List<SelectOperation.Entry> List, int Index)>();
        for (int i = 1; ; i++)
        {
            var value = set.GetInt(i);
            if (value.IsNil) break;
            int fd;
            KrakenSocket? socket;
            bool isDirty;
            switch ((value.Obj as LuaUserdata)?.Value)
            {
                case LuaSocketObject tcp:
                    socket = tcp.Open;
                    fd = tcp.Fd;
                    isDirty = socket is { BufferedCount: > 0 };
                    break;
                case KrakenSocket own:
                    socket = own.IsClosed ? null : own;
                    fd = socket is null ? -1 : LuaTcp.DescriptorOf(own);
                    isDirty = socket is { BufferedCount: > 0 };
                    break;
                default:
                    fd = CallMethod(call, value, "getfd") is { IsNumber: true } number && number.Num >= 0 ? (int)number.Num : -1;
                    socket = fd >= 0 && _byFd.TryGetValue(fd, out var known) ? known : null;
                    isDirty = fd >= 0 && dirty is not null && CallMethod(call, value, "dirty").IsTruthy;
                    break;
            }
            if (fd < 0) continue;
            var entry = new SelectOperation.Entry(value, fd, socket);
            if (seen.TryGetValue(fd, out var at))
            {
                at.List[at.Index] = entry;
                continue;
            }
            var list = isDirty && dirty is not null ? dirty : into;
            list.Add(entry);
            seen[fd] = (list, list.Count - 1);
        }
    }

    /// <summary>obj:name() for select's getfd and dirty (through __index, as lua_gettable does); nil when there is no such method.</summary>
    private static LuaValue CallMethod(CallContext call, LuaValue obj, string name)
    {
        var method = Field(call.State, obj, name, 0);
        if (method.IsNil) return LuaValue.Nil;
        var results = call.State.Call(method, obj);
        return results.Length > 0 ? results[0] : LuaValue.Nil;
    }

    private static LuaValue Field(LuaState state, LuaValue obj, string name, int depth)
    {
        LuaTable? meta;
        if (obj.Obj is LuaTable t)
        {
            var v = t.Get(name);
            if (!v.IsNil) return v;
            meta = t.Metatable;
        }
        else meta = (obj.Obj as LuaUserdata)?.Metatable;
        if (meta is null || depth > 20) return LuaValue.Nil;
        var index = meta.Get("__index");
        if (index.IsFunction)
        {
            var r = state.Call(index, obj, name);
            return r.Length > 0 ? r[0] : LuaValue.Nil;
        }
        return index.IsNil ? LuaValue.Nil : Field(state, index, name, depth + 1);
    }

    // ---- socket.dns ----

    /// <summary>toip / tohostname: the first IPv4 address or the canonical name, then {name=, alias={}, ip={}}; nil and the error.</summary>
    private int HostLookup(CallContext call, bool toIp)
    {
        string address = call.CheckString(1).ToLatin1String();
        return Run(call, new LookupOperation<((string Name, string[] Aliases, string[] Ips)? Host, string? Error)>(Loop,
            () => (Resolver.Host(address, out string? error), error),
            found =>
            {
                if (found.Host is not { } host) return [LuaValue.Nil, found.Error ?? "host not found"];
                var resolved = new LuaTable();
                resolved.Set("name", host.Name);
                var aliases = new LuaTable();
                for (int i = 0; i < host.Aliases.Length; i++) aliases.SetInt(i + 1, host.Aliases[i]);
                resolved.Set("alias", aliases);
                var ips = new LuaTable();
                for (int i = 0; i < host.Ips.Length; i++) ips.SetInt(i + 1, host.Ips[i]);
                resolved.Set("ip", ips);
                return [toIp ? host.Ips[0] : host.Name, resolved];
            }, immediate: false));
    }

    private static int GetHostName(CallContext call)
    {
        try
        {
            return call.Return(Dns.GetHostName());
        }
        catch (SocketException e)
        {
            return call.Return(LuaValue.Nil, LuaSocketErrors.Of(e));
        }
    }

    private int GetAddrInfo(CallContext call)
    {
        string host = call.CheckString(1).ToLatin1String();
        return Run(call, new LookupOperation<(IPAddress[]? Addresses, string? Error)>(Loop,
            () => (Resolver.Addresses(host, out string? error), error),
            found =>
            {
                if (found.Addresses is not { } addresses) return [LuaValue.Nil, found.Error ?? LuaSocketErrors.Resolution(SocketError.HostNotFound)];
                var list = new LuaTable();
                for (int i = 0; i < addresses.Length; i++)
                {
                    var entry = new LuaTable();
                    entry.Set("family", FamilyName(addresses[i].AddressFamily));
                    entry.Set("addr", addresses[i].ToString());
                    list.SetInt(i + 1, entry);
                }
                return [list];
            }, immediate: Resolver.IsImmediate(host) && host != "*"));
    }

    /// <summary>getnameinfo(host, serv): the names of host's addresses, and the service's name.</summary>
    private int GetNameInfo(CallContext call)
    {
        string? host = call.OptString(1, null)?.ToLatin1String();
        string? service = call.OptString(2, null)?.ToLatin1String();
        if (host is null && service is null) throw call.Error("host and serv cannot be both nil");
        return Run(call, new LookupOperation<(string[]? Names, string? Error)>(Loop, () =>
            {
                if (service is not null && Resolver.Port(service) < 0) return (null, "service not supported for socket type");
                if (host is null) return ([], null);
                var addresses = Resolver.Addresses(host, out string? error);
                if (addresses is null) return (null, error);
                var names = new string[addresses.Length];
                for (int i = 0; i < names.Length; i++) names[i] = Resolver.NameOf(addresses[i]);
                return (names, null);
            },
            found =>
            {
                if (found.Names is not { } names) return [LuaValue.Nil, found.Error ?? LuaSocketErrors.Resolution(SocketError.HostNotFound)];
                var list = new LuaTable();
                for (int i = 0; i < names.Length; i++) list.SetInt(i + 1, names[i]);
                if (service is null) return [list];
                int port = Resolver.Port(service);
                return [list, SocketCalls.ServiceName(port) ?? port.ToString(System.Globalization.CultureInfo.InvariantCulture)];
            }, immediate: host is null));
    }
}
