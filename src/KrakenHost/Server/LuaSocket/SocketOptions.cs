using System.Net;
using System.Net.Sockets;
using LuaVm.Runtime;

namespace KrakenHost.Server.LuaSocket;

/// <summary>
/// getoption/setoption (LuaSocket's options.c): each object kind has its own tables of names,
/// and each name a socket level, an option and how its value reads in Lua. A name that is not in
/// the table is an argument error; a system refusal gives nil and "setsockopt failed" (or
/// "getsockopt failed"), LuaSocket's words.
/// </summary>
internal static class SocketOptions
{
    public enum Kind
    {
        /// <summary>true/false (an int).</summary>
        Boolean,
        /// <summary>a number (an int).</summary>
        Integer,
        /// <summary>{on = boolean, timeout = seconds} (struct linger).</summary>
        Linger,
        /// <summary>get only: the pending error's message, or nil (SO_ERROR).</summary>
        Error,
        /// <summary>an IPv4 address as text, "*" for any (IP_MULTICAST_IF).</summary>
        Address,
        /// <summary>{multiaddr = "a.b.c.d", interface = "a.b.c.d" or "*"} (struct ip_mreq).</summary>
        Membership,
        /// <summary>{multiaddr = "ipv6", interface = index or nil} (struct ipv6_mreq).</summary>
        Membership6,
    }

    private const int SolSocket = 1, IpprotoIp = 0, IpprotoTcp = 6, IpprotoIpv6 = 41;

    private static readonly (int, int, Kind) KeepAlive = (SolSocket, 9, Kind.Boolean), ReuseAddr = (SolSocket, 2, Kind.Boolean),
        ReusePort = (SolSocket, 15, Kind.Boolean), Linger = (SolSocket, 13, Kind.Linger), Error = (SolSocket, 4, Kind.Error),
        RecvBuffer = (SolSocket, 8, Kind.Integer), SendBuffer = (SolSocket, 7, Kind.Integer),
        TcpNoDelay = (IpprotoTcp, 1, Kind.Boolean), TcpKeepIdle = (IpprotoTcp, 4, Kind.Integer),
        TcpKeepCount = (IpprotoTcp, 6, Kind.Integer), TcpKeepInterval = (IpprotoTcp, 5, Kind.Integer),
        V6Only = (IpprotoIpv6, 26, Kind.Boolean), DontRoute = (SolSocket, 5, Kind.Boolean), Broadcast = (SolSocket, 6, Kind.Boolean),
        MulticastIf = (IpprotoIp, 32, Kind.Address), MulticastTtl = (IpprotoIp, 33, Kind.Integer),
        MulticastLoop = (IpprotoIp, 34, Kind.Boolean), AddMembership = (IpprotoIp, 35, Kind.Membership),
        DropMembership = (IpprotoIp, 36, Kind.Membership), UnicastHops6 = (IpprotoIpv6, 16, Kind.Integer),
        MulticastLoop6 = (IpprotoIpv6, 19, Kind.Boolean), AddMembership6 = (IpprotoIpv6, 20, Kind.Membership6),
        DropMembership6 = (IpprotoIpv6, 21, Kind.Membership6);

    public static readonly Dictionary<string, (int Level, int Name, Kind Kind)> TcpGettable = new()
    {
        ["keepalive"] = KeepAlive,
        ["reuseaddr"] = ReuseAddr,
        ["reuseport"] = ReusePort,
        ["tcp-nodelay"] = TcpNoDelay,
        ["tcp-keepidle"] = TcpKeepIdle,
        ["tcp-keepcnt"] = TcpKeepCount,
        ["tcp-keepintvl"] = TcpKeepInterval,
        ["linger"] = Linger,
        ["error"] = Error,
        ["recv-buffer-size"] = RecvBuffer,
        ["send-buffer-size"] = SendBuffer,
    };

    public static readonly Dictionary<string, (int Level, int Name, Kind Kind)> TcpSettable = new()
    {
        ["keepalive"] = KeepAlive,
        ["reuseaddr"] = ReuseAddr,
        ["reuseport"] = ReusePort,
        ["tcp-nodelay"] = TcpNoDelay,
        ["tcp-keepidle"] = TcpKeepIdle,
        ["tcp-keepcnt"] = TcpKeepCount,
        ["tcp-keepintvl"] = TcpKeepInterval,
        ["ipv6-v6only"] = V6Only,
        ["linger"] = Linger,
        ["recv-buffer-size"] = RecvBuffer,
        ["send-buffer-size"] = SendBuffer,
        ["tcp-defer-accept"] = (IpprotoTcp, 9, Kind.Integer),
        ["tcp-fastopen"] = (IpprotoTcp, 23, Kind.Integer),
        ["tcp-fastopen-connect"] = (IpprotoTcp, 30, Kind.Integer),
    };

    // LuaSocket maps "ipv6-multicast-hops" to IPV6_UNICAST_HOPS (its udp.c); kept, as programs see that
    public static readonly Dictionary<string, (int Level, int Name, Kind Kind)> UdpGettable = new()
    {
        ["dontroute"] = DontRoute,
        ["broadcast"] = Broadcast,
        ["reuseaddr"] = ReuseAddr,
        ["reuseport"] = ReusePort,
        ["ip-multicast-if"] = MulticastIf,
        ["ip-multicast-loop"] = MulticastLoop,
        ["error"] = Error,
        ["ipv6-unicast-hops"] = UnicastHops6,
        ["ipv6-multicast-hops"] = UnicastHops6,
        ["ipv6-multicast-loop"] = MulticastLoop6,
        ["ipv6-v6only"] = V6Only,
        ["recv-buffer-size"] = RecvBuffer,
        ["send-buffer-size"] = SendBuffer,
    };

    public static readonly Dictionary<string, (int Level, int Name, Kind Kind)> UdpSettable = new()
    {
        ["dontroute"] = DontRoute,
        ["broadcast"] = Broadcast,
        ["reuseaddr"] = ReuseAddr,
        ["reuseport"] = ReusePort,
        ["ip-multicast-if"] = MulticastIf,
        ["ip-multicast-ttl"] = MulticastTtl,
        ["ip-multicast-loop"] = MulticastLoop,
        ["ip-add-membership"] = AddMembership,
        ["ip-drop-membership"] = DropMembership,
        ["ipv6-unicast-hops"] = UnicastHops6,
        ["ipv6-multicast-hops"] = UnicastHops6,
        ["ipv6-multicast-loop"] = MulticastLoop6,
        ["ipv6-add-membership"] = AddMembership6,
        ["ipv6-drop-membership"] = DropMembership6,
        ["ipv6-v6only"] = V6Only,
        ["recv-buffer-size"] = RecvBuffer,
        ["send-buffer-size"] = SendBuffer,
    };

    private static (int Level, int Name, Kind Kind) OptionOf(CallContext call, Dictionary<string, (int, int, Kind)> table)
    {
        string name = call.CheckString(2).ToLatin1String();
        if (table.TryGetValue(name, out var option)) return option;
        throw call.ArgError(2, $"unsupported option `{(name.Length > 35 ? name[..35] : name)}'");
    }

    /// <summary>An IPv4 address as inet_aton reads it (a dotted quad).</summary>
    private static bool TryIPv4(LuaValue value, out IPAddress address)
    {
        address = IPAddress.Any;
        return value.AsString?.ToLatin1String() is { } text && Resolver.IsLiteral(text) && !text.Contains(':')
            && IPAddress.TryParse(text, out address!) && address.AddressFamily == AddressFamily.InterNetwork;
    }

    public static int Set(CallContext call, LuaSocketObject obj, Dictionary<string, (int, int, Kind)> table)
    {
        var (level, name, kind) = OptionOf(call, table);
        byte[] value;
        switch (kind)
        {
            case Kind.Boolean:
                if (!call[3].IsBoolean) throw call.TypeError(3, "boolean");
                value = BitConverter.GetBytes(call[3].IsTruthy ? 1 : 0);
                break;
            case Kind.Integer:
                value = BitConverter.GetBytes((int)CallContext.ToInteger(call.CheckNumber(3)));
                break;
            case Kind.Address:
            {
                string text = call.CheckString(3).ToLatin1String();
                var address = IPAddress.Any;
                if (text != "*" && !TryIPv4(call[3], out address)) throw call.ArgError(3, "ip expected");
                value = address.GetAddressBytes();
                break;
            }
            case Kind.Membership:
            {
                if (call[3].Obj is not LuaTable t) throw call.TypeError(3, "table");
                var group = t.Get("multiaddr");
                if (!group.IsString && !group.IsNumber) throw call.ArgError(3, "string 'multiaddr' field expected");
                if (!TryIPv4(group, out var multiaddr)) throw call.ArgError(3, "invalid 'multiaddr' ip address");
                var iface = t.Get("interface");
                if (!iface.IsString && !iface.IsNumber) throw call.ArgError(3, "string 'interface' field expected");
                var local = IPAddress.Any;
                if (iface.AsString?.ToLatin1String() != "*" && !TryIPv4(iface, out local)) throw call.ArgError(3, "invalid 'interface' ip address");
                value = [.. multiaddr.GetAddressBytes(), .. local.GetAddressBytes()];
                break;
            }
            case Kind.Membership6:
            {
                if (call[3].Obj is not LuaTable t) throw call.TypeError(3, "table");
                var group = t.Get("multiaddr");
                if (!group.IsString && !group.IsNumber) throw call.ArgError(3, "string 'multiaddr' field expected");
                if (!IPAddress.TryParse(group.AsString?.ToLatin1String() ?? "", out var multiaddr) || multiaddr.AddressFamily != AddressFamily.InterNetworkV6)
                    throw call.ArgError(3, "invalid 'multiaddr' ip address");
                var iface = t.Get("interface");
                uint index = 0;
                if (!iface.IsNil)
                {
                    if (!iface.TryToNumber(out double n)) throw call.ArgError(3, "number 'interface' field expected");
                    index = (uint)CallContext.ToInteger(n);
                }
                value = [.. multiaddr.GetAddressBytes(), .. BitConverter.GetBytes(index)];
                break;
            }
            default: // linger: {on = boolean, timeout = seconds}
            {
                if (call[3].Obj is not LuaTable t) throw call.TypeError(3, "table");
                var on = t.Get("on");
                if (!on.IsBoolean) throw call.ArgError(3, "boolean 'on' field expected");
                if (!t.Get("timeout").TryToNumber(out double seconds)) throw call.ArgError(3, "number 'timeout' field expected");
                value = [.. BitConverter.GetBytes(on.IsTruthy ? 1 : 0), .. BitConverter.GetBytes((int)(ushort)CallContext.ToInteger(seconds))];
                break;
            }
        }
        try
        {
            if (obj.Open?.Socket is not { } raw) return call.Return(LuaValue.Nil, "setsockopt failed");
            raw.SetRawSocketOption(level, name, value);
            return call.Return(1);
        }
        catch (SocketException)
        {
            return call.Return(LuaValue.Nil, "setsockopt failed");
        }
    }

    public static int Get(CallContext call, LuaSocketObject obj, Dictionary<string, (int, int, Kind)> table)
    {
        var (level, name, kind) = OptionOf(call, table);
        Span<byte> value = stackalloc byte[8];
        try
        {
            if (obj.Open?.Socket is not { } raw) return call.Return(LuaValue.Nil, "getsockopt failed");
            raw.GetRawSocketOption(level, name, value);
        }
        catch (SocketException)
        {
            return call.Return(LuaValue.Nil, "getsockopt failed");
        }
        int first = BitConverter.ToInt32(value);
        switch (kind)
        {
            case Kind.Boolean: return call.Return(first != 0);
            case Kind.Integer: return call.Return(first);
            case Kind.Error: return call.Return(first == 0 ? LuaValue.Nil : LuaSocketErrors.Text(first));
            case Kind.Address: return call.Return(new IPAddress(value[..4]).ToString());
            default:
                var linger = new LuaTable();
                linger.Set("on", first != 0);
                linger.Set("timeout", BitConverter.ToInt32(value[4..]));
                return call.Return(linger);
        }
    }
}
