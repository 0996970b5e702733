using System.Net;
using System.Net.Sockets;
using LuaVm;
using LuaVm.Library;
using LuaVm.Runtime;

namespace KrakenHost.Server;

/// <summary>
/// The `kraken` Lua module (docs/server.md): registerApplication, registerAddress,
/// registerUser, socket, loop, sleep, spawn, stop, the SO/AF/SOCK tables, and the socket methods.
/// Socket calls that cannot finish at once yield to the event loop (see KrakenServer.Await).
/// </summary>
internal static class KrakenModule
{
    private const string SocketMetatableKey = "kraken.socket";

    /// <summary>Option ids of kraken.SO, and the (level, name) setsockopt gets for each.</summary>
    private static readonly (string Name, int Level, int Option)[] Options =
    [
        ("DEBUG", 1, 1), ("REUSEADDR", 1, 2), ("DONTROUTE", 1, 5), ("BROADCAST", 1, 6), ("KEEPALIVE", 1, 9),
        ("OOBINLINE", 1, 10), ("LINGER", 1, 13), ("REUSEPORT", 1, 15), ("NODELAY", 6, 1),
    ];

    /// <summary>Creates the kraken table (a global and package.loaded.kraken) bound to a server.</summary>
    public static void Open(LuaState state, KrakenServer server)
    {
        var kraken = StandardLibraries.Register(state, "kraken",
            ("registerApplication", call => RegisterApplication(call, server)),
            ("registerAddress", call => RegisterAddress(call, server)),
            ("registerUser", call => RegisterUser(call, server)),
            ("socket", call => NewSocket(call, server)),
            ("loop", call => call.Return(server.Serve() == 0)),
            ("sleep", call => server.Sleep(call, CheckSeconds(call, 1))),
            ("gettime", call => call.Return(EventLoop.UnixTime)),
            ("spawn", call => Spawn(call, server)),
            ("stop", call => { server.Loop.Defer(server.Stop); return call.Return(true); }),
            ("setRunawayLimit", call => SetRunawayLimit(call, server)));
        var so = new LuaTable();
        for (int i = 0; i < Options.Length; i++) so.Set(Options[i].Name, i + 1);
        kraken.Set("SO", so);
        var af = new LuaTable();
        af.Set("INET", 2);
        af.Set("INET6", 10);
        kraken.Set("AF", af);
        var sock = new LuaTable();
        sock.Set("STREAM", 1);
        kraken.Set("SOCK", sock);
        kraken.Set("VERSION", "kraken 1.0");
        // "jit" (the build with the compiling tier) or "aot" (the Native AOT front end, which runs
        // only straight-line programs itself: CommandLine/JitHandoff.cs)
        kraken.Set("build", System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported ? "jit" : "aot");
        if (state.Globals.Get("package").AsTable?.Get("loaded").AsTable is { } loaded) loaded.Set("kraken", kraken);
        CreateSocketMetatable(state, server);
    }

    /// <summary>
    /// A duration in seconds (sleep, settimeout). NaN is refused: it compares false with
    /// everything, so it would mean neither "at once" nor "no limit". Infinite or huge values are
    /// fine: they mean no limit (<see cref="EventLoop.IsUnbounded"/>).
    /// </summary>
    private static double CheckSeconds(CallContext call, int n)
    {
        double seconds = call.CheckNumber(n);
        if (double.IsNaN(seconds)) throw call.ArgError(n, "seconds expected, got NaN");
        return seconds;
    }

    private static int RegisterApplication(CallContext call, KrakenServer server)
    {
        var v = call[1];
        var function = v.Obj switch
        {
            LuaFunction f => f,
            LuaThread { PendingFunction: { } f } => f,
            _ => null,
        };
        if (function is null) return call.Return(LuaValue.Nil, "registerApplication expects a function or a coroutine that has not started");
        server.Application = function;
        return call.Return(true);
    }

    private static int RegisterAddress(CallContext call, KrakenServer server)
    {
        if (!ParseAddress(call, 1, out var endpoint, out string? error)) return call.Return(LuaValue.Nil, LuaString.FromLatin1(error!)); // the message echoes Lua bytes
        server.AddAddress(endpoint!);
        return call.Return(true);
    }

    private static int RegisterUser(CallContext call, KrakenServer server)
    {
        double uid = call.CheckNumber(1);
        if (uid < 0 || uid != Math.Floor(uid) || uid > uint.MaxValue) return call.Return(LuaValue.Nil, $"bad user id {uid}");
        if (LinuxInterop.GroupOfUser((uint)uid) is null) return call.Return(LuaValue.Nil, $"unknown user id {uid}");
        server.User = (uint)uid;
        return call.Return(true);
    }

    /// <summary>kraken.setRunawayLimit(seconds): 0, false, nil or math.huge turn it off; returns the previous limit (0: none).</summary>
    private static int SetRunawayLimit(CallContext call, KrakenServer server)
    {
        double previous = server.Watchdog.Limit;
        double limit = call[1].IsFalsy ? 0 : call.CheckNumber(1);
        if (!(limit >= 0)) throw call.ArgError(1, "non-negative number expected");
        server.Watchdog.Limit = limit;
        return call.Return(previous);
    }

    private static int Spawn(CallContext call, KrakenServer server)
    {
        var f = call.CheckFunction(1);
        var args = new LuaValue[Math.Max(0, call.ArgCount - 1)];
        for (int i = 0; i < args.Length; i++) args[i] = call[i + 2];
        server.SpawnLater(f, args);
        return call.Return(true);
    }

    /// <summary>kraken.socket(): a TCP socket for bind/listen/accept or connect (IPv6 dual-stack, so IPv4 works too).</summary>
    private static int NewSocket(CallContext call, KrakenServer server)
    {
        try
        {
            var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
            return call.Return(WrapSocket(call.State, new KrakenSocket(server.Loop, socket)));
        }
        catch (SocketException e)
        {
            return call.Return(LuaValue.Nil, KrakenSocket.Describe(e.SocketErrorCode));
        }
    }

    public static LuaValue WrapSocket(LuaState state, KrakenSocket socket) =>
        new(new LuaUserdata(socket, state.Registry.Get(SocketMetatableKey).AsTable));

    /// <summary>{host=, port=} for an endpoint (IPv4-mapped IPv6 addresses shown as IPv4).</summary>
    public static LuaValue AddressTable(IPEndPoint? endpoint)
    {
        var t = new LuaTable(0, 2);
        if (endpoint is null) return t;
        t.Set("host", HostText(endpoint.Address));
        t.Set("port", endpoint.Port);
        return t;
    }

    private static string HostText(IPAddress address) =>
        (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    /// <summary>Reads {host=, port=}: "*" and "0.0.0.0" mean every IPv4 interface, "::" every IPv6 one.</summary>
    private static bool ParseAddress(CallContext call, int n, out IPEndPoint? endpoint, out string? error)
    {
        endpoint = null;
        error = null;
        var t = call.CheckTable(n);
        var hostValue = t.Get("host");
        var portValue = t.Get("port");
        if (!portValue.TryToNumber(out double port) || port != Math.Floor(port) || port < 0 || port > 65535)
        {
            error = $"bad port '{(portValue.IsNil ? "nil" : call.State.ToStringMeta(portValue).ToLatin1String())}' (an integer from 0 to 65535 expected)";
            return false;
        }
        if (!hostValue.IsNil && hostValue.Obj is not LuaString)
        {
            error = $"bad host (a string expected, got {hostValue.TypeName()})";
            return false;
        }
        string host = hostValue.IsNil ? "*" : ((LuaString)hostValue.Obj!).ToLatin1String(); // Lua bytes, echoed exactly in "bad host"
        IPAddress? address = host switch
        {
            "*" => IPAddress.Any,
            "localhost" => IPAddress.Loopback,
            _ => IPAddress.TryParse(host, out var parsed) ? parsed : null,
        };
        // Dns.GetHostAddresses("") would give this machine's own addresses
        if (address is null && host.Length > 0)
        {
            try
            {
                address = Dns.GetHostAddresses(host).FirstOrDefault();
            }
            catch (Exception e) when (e is SocketException or ArgumentException)
            {
                address = null; // not found, or not a valid name (too long, say)
            }
        }
        if (address is null)
        {
            error = $"bad host '{host}'";
            return false;
        }
        endpoint = new IPEndPoint(address, (int)port);
        return true;
    }

    // ---- socket methods ----

    private static void CreateSocketMetatable(LuaState state, KrakenServer server)
    {
        var methods = new LuaTable();
        void Method(string name, LuaNativeFunction f) => methods.Set(name, state.CreateFunction(name, f));
        Method("accept", call =>
        {
            var s = Check(call);
            if (!s.IsListening && !s.IsClosed) return call.Return(LuaValue.Nil, "socket is not listening");
            return server.Await(call, new AcceptOperation(s, client => Accepted(call.State, server, client)));
        });
        Method("bind", call => Bind(call));
        Method("listen", call => Listen(call));
        Method("connect", call =>
        {
            var s = Check(call);
            if (!ParseAddress(call, 2, out var endpoint, out string? error)) return call.Return(LuaValue.Nil, LuaString.FromLatin1(error!)); // the message echoes Lua bytes
            return server.Await(call, new ConnectOperation(s, endpoint!));
        });
        Method("close", call =>
        {
            Check(call).Close();
            return call.Return(true);
        });
        Method("receive", call => Receive(call, server));
        Method("rawrecv", call =>
        {
            var s = Check(call);
            int n = (int)CheckIntegerInRange(call, 2, 1, LuaString.MaxLength, "invalid byte count");
            s.Watch();
            return server.Await(call, s.Receiving(ReceiveKind.Some, n, null));
        });
        Method("send", call =>
        {
            var s = Check(call);
            s.Watch();
            return server.Await(call, s.Sending(call.CheckString(2).Bytes, server.Runs(call.Thread)));
        });
        Method("rawsend", call =>
        {
            var s = Check(call);
            byte[] data = call[2].IsNumber ? [(byte)CheckIntegerInRange(call, 2, 0, 255, "invalid value")] : call.CheckString(2).Bytes;
            s.Watch();
            return server.Await(call, s.Sending(data, server.Runs(call.Thread)));
        });
        Method("settimeout", call =>
        {
            var s = Check(call);
            s.Timeout = call.IsNoneOrNil(2) ? -1 : CheckSeconds(call, 2);
            return call.Return(true);
        });
        Method("gettimeout", call =>
        {
            var s = Check(call);
            LuaValue t = s.Timeout < 0 ? LuaValue.Nil : s.Timeout;
            var both = new LuaTable(0, 2);
            both.Set("receive", t);
            both.Set("send", t);
            return call.Return(t, both);
        });
        Method("getsockopt", call => GetOption(call));
        Method("setsockopt", call => SetOption(call));
        Method("getpeername", call =>
        {
            var s = Check(call);
            if (s.IsClosed) return Closed(call);
            var ep = SafeEndPoint(() => s.Socket!.RemoteEndPoint) ?? s.ConnectTarget as IPEndPoint;
            return ep is null ? call.Return(LuaValue.Nil, "not connected") : call.Return(HostText(ep.Address), ep.Port);
        });
        Method("getsockname", call =>
        {
            var s = Check(call);
            if (s.IsClosed) return Closed(call);
            var ep = SafeEndPoint(() => s.Socket!.LocalEndPoint);
            return ep is null ? call.Return(LuaValue.Nil, "not bound") : call.Return(HostText(ep.Address), ep.Port);
        });
        var meta = new LuaTable();
        meta.Set("__index", methods);
        meta.Set("__metatable", "kraken.socket");
        meta.Set("__tostring", state.CreateFunction("tostring", call =>
        {
            var s = Check(call);
            return call.Return(s.IsClosed ? "kraken.socket (closed)" : $"kraken.socket ({(s.IsListening ? "server" : "stream")})");
        }));
        state.Registry.Set(SocketMetatableKey, meta);
    }

    private static LuaValue[] Accepted(LuaState state, KrakenServer server, Socket client)
    {
        var s = new KrakenSocket(server.Loop, client);
        s.Watch();
        return [WrapSocket(state, s), AddressTable(client.RemoteEndPoint as IPEndPoint)];
    }

    private static IPEndPoint? SafeEndPoint(Func<EndPoint?> get)
    {
        try
        {
            return get() as IPEndPoint;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    private static KrakenSocket Check(CallContext call) =>
        (call[1].Obj as LuaUserdata)?.Value as KrakenSocket ?? throw call.TypeError(1, "kraken.socket");

    /// <summary>What a method returns on a closed socket: nil, "closed", as in LuaSocket (the waiting methods' operations add their partial result).</summary>
    private static int Closed(CallContext call) => call.Return(LuaValue.Nil, "closed");

    /// <summary>
    /// An integer argument from min to max. A fraction, NaN or a value out of range is an
    /// argument error: LuaSocket truncates a count to size_t, so that 2.5 means 2 and 2^64 some
    /// other number; kraken refuses them, so that a miscomputed count shows at once.
    /// </summary>
    private static long CheckIntegerInRange(CallContext call, int n, long min, long max, string what)
    {
        double d = call.CheckNumber(n);
        if (!(d >= min && d <= max && d == Math.Floor(d))) throw call.ArgError(n, $"{what}: an integer from {min} to {max} expected");
        return (long)d;
    }

    private static int Bind(CallContext call)
    {
        var s = Check(call);
        if (s.IsClosed) return Closed(call);
        if (!ParseAddress(call, 2, out var endpoint, out string? error)) return call.Return(LuaValue.Nil, LuaString.FromLatin1(error!)); // the message echoes Lua bytes
        try
        {
            s.Socket!.Bind(endpoint!);
            return call.Return(true);
        }
        catch (SocketException e)
        {
            return call.Return(LuaValue.Nil, KrakenSocket.Describe(e.SocketErrorCode));
        }
    }

    private static int Listen(CallContext call)
    {
        var s = Check(call);
        if (s.IsClosed) return Closed(call);
        int backlog = call.OptInt(2, 1);
        try
        {
            s.Socket!.Listen(backlog);
            s.IsListening = true;
            s.Watch();
            return call.Return(true);
        }
        catch (SocketException e)
        {
            return call.Return(LuaValue.Nil, KrakenSocket.Describe(e.SocketErrorCode));
        }
    }

    /// <summary>receive([pattern[, prefix]]): "*l" (default), "*a" or a byte count, as LuaSocket.</summary>
    private static int Receive(CallContext call, KrakenServer server)
    {
        var s = Check(call);
        var prefix = call.OptString(3, null);
        ReceiveKind kind;
        int count = 0;
        var pattern = call[2];
        if (pattern.IsNil) kind = ReceiveKind.Line;
        else if (pattern.IsNumber)
        {
            kind = ReceiveKind.Count;
            count = (int)CheckIntegerInRange(call, 2, 0, LuaString.MaxLength - (prefix?.Length ?? 0), "invalid receive pattern");
        }
        else
        {
            string p = call.CheckString(2).ToLatin1String();
            kind = p.StartsWith("*l") ? ReceiveKind.Line : p.StartsWith("*a") ? ReceiveKind.All
                : throw call.ArgError(2, "invalid receive pattern");
        }
        s.Watch();
        return server.Await(call, s.Receiving(kind, count, prefix));
    }

    private static (int Level, int Option) OptionOf(CallContext call, out bool ok)
    {
        var v = call[2];
        ok = v.TryToNumber(out double id) && id >= 1 && id <= Options.Length && id == Math.Floor(id);
        return ok ? (Options[(int)id - 1].Level, Options[(int)id - 1].Option) : default;
    }

    private static int GetOption(CallContext call)
    {
        var s = Check(call);
        if (s.IsClosed) return Closed(call);
        var (level, option) = OptionOf(call, out bool ok);
        if (!ok) return call.Return(LuaValue.Nil, "bad option id (use kraken.SO)");
        Span<byte> value = stackalloc byte[8];
        try
        {
            int n = s.Socket!.GetRawSocketOption(level, option, value);
            return call.Return(n >= 4 && BitConverter.ToInt32(value) != 0);
        }
        catch (SocketException e)
        {
            return call.Return(LuaValue.Nil, KrakenSocket.Describe(e.SocketErrorCode));
        }
    }

    private static int SetOption(CallContext call)
    {
        var s = Check(call);
        if (s.IsClosed) return Closed(call);
        var (level, option) = OptionOf(call, out bool ok);
        if (!ok) return call.Return(LuaValue.Nil, "bad option id (use kraken.SO)");
        int on = call[3].IsTruthy ? 1 : 0;
        // SO_LINGER takes struct linger { int l_onoff; int l_linger; }: on means "reset at close"
        byte[] value = option == 13 && level == 1 ? [.. BitConverter.GetBytes(on), .. BitConverter.GetBytes(0)] : BitConverter.GetBytes(on);
        try
        {
            s.Socket!.SetRawSocketOption(level, option, value);
            return call.Return(true);
        }
        catch (SocketException e)
        {
            return call.Return(LuaValue.Nil, KrakenSocket.Describe(e.SocketErrorCode));
        }
    }
}
