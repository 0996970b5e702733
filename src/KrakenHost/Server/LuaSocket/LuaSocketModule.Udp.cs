using System.Net;
using System.Net.Sockets;
using LuaVm;
using LuaVm.Runtime;

namespace KrakenHost.Server.LuaSocket;

// socket.udp, udp4, udp6: LuaSocket's udp.c on the loop. An object is udp{unconnected} until
// setpeername gives it a peer (udp{connected}); setpeername("*") takes the peer away.
internal sealed partial class LuaSocketModule
{
    private readonly LuaTable[] _udpClasses = new LuaTable[2]; // [0] unconnected, [1] connected

    private void MakeUdpClasses(LuaState state)
    {
        var methods = new (string, LuaNativeFunction)[]
        {
            ("close", c => Close(c, CheckUdp(c, null))),
            ("dirty", c => { CheckUdp(c, null); return c.Return(false); }), // datagrams are never buffered
            ("getfamily", c => GetFamily(c, CheckUdp(c, null))),
            ("getfd", c => c.Return(CheckUdp(c, null).Fd)),
            ("getpeername", c => Name(c, CheckUdp(c, connected: true), peer: true)),
            ("getsockname", c => Name(c, CheckUdp(c, null), peer: false)),
            ("receive", c => UdpReceive(c, CheckUdp(c, null), from: false)),
            ("receivefrom", c => UdpReceive(c, CheckUdp(c, connected: false), from: true)),
            ("send", UdpSend),
            ("sendto", UdpSendTo),
            ("setfd", c => SetFd(c, CheckUdp(c, null))),
            ("setoption", c => SocketOptions.Set(c, CheckUdp(c, null), SocketOptions.UdpSettable)),
            ("getoption", c => SocketOptions.Get(c, CheckUdp(c, null), SocketOptions.UdpGettable)),
            ("setpeername", UdpSetPeerName),
            ("setsockname", UdpSetSockName),
            ("settimeout", c => SetTimeout(c, CheckUdp(c, null))),
            ("gettimeout", c => GetTimeout(c, CheckUdp(c, null))),
        };
        var functions = new LuaTable();
        foreach (var (name, f) in methods) functions.Set(name, state.CreateFunction(name, f));
        var tostring = state.CreateFunction("tostring", c =>
        {
            var udp = CheckUdp(c, null);
            return c.Return($"{udp.ClassName}: 0x{0x55d0_0000_0000 + udp.Id * 0x60:x}");
        });
        var gc = state.CreateFunction("close", c => Close(c, CheckUdp(c, null)));
        foreach (bool connected in new[] { false, true })
        {
            string name = connected ? "udp{connected}" : "udp{unconnected}";
            var index = new LuaTable();
            foreach (var (method, _) in methods) index.Set(method, functions.Get(method));
            index.Set("class", name);
            var meta = new LuaTable();
            meta.Set("__index", index);
            meta.Set("__tostring", tostring);
            meta.Set("__gc", gc);
            meta.Set("udp{any}", true);
            meta.Set("select{able}", true);
            _udpClasses[connected ? 1 : 0] = meta;
            state.Registry.Set(name, meta);
        }
    }

    /// <summary>The udp object at argument 1, connected or not as asked (null: either), else LuaSocket's argument error.</summary>
    private static LuaUdp CheckUdp(CallContext call, bool? connected)
    {
        if (call[1].Obj is LuaUserdata { Value: LuaUdp udp } && (connected is null || udp.Connected == connected)) return udp;
        throw call.ArgError(1, $"{connected switch { true => "udp{connected}", false => "udp{unconnected}", _ => "udp{any}" }} expected");
    }

    private void SetUdpClass(LuaUserdata userdata, LuaUdp udp, bool connected)
    {
        udp.Connected = connected;
        userdata.Metatable = _udpClasses[connected ? 1 : 0];
    }

    private int NewUdp(CallContext call, AddressFamily family)
    {
        var udp = new LuaUdp(Loop, family);
        if (family != AddressFamily.Unspecified && SocketFor(udp, family, out string? error) is null)
            return call.Return(LuaValue.Nil, error);
        return call.Return(new LuaValue(new LuaUserdata(udp, _udpClasses[0])));
    }

    /// <summary>receive([size]) and receivefrom([size]): one datagram of at most size bytes (8192 by default).</summary>
    private int UdpReceive(CallContext call, LuaUdp udp, bool from)
    {
        double wanted = call.OptNumber(2, UdpReceiveOperation.DefaultSize);
        int size = (int)Math.Clamp(double.IsNaN(wanted) ? 0 : wanted, 0, LuaString.MaxLength);
        // a closed (or never made) socket: LuaSocket's recv sees "closed", which for UDP is an empty datagram
        if (udp.Open is not { } socket) return from ? call.Return(LuaValue.Nil, "closed") : call.Return(LuaString.Empty);
        return RunSocket(call, udp, socket, new UdpReceiveOperation(socket, size, from));
    }

    private int UdpSend(CallContext call)
    {
        var udp = CheckUdp(call, connected: true);
        var data = call.CheckString(2);
        if (udp.Open is not { } socket) return call.Return(LuaValue.Nil, "refused");
        return RunSocket(call, udp, socket, new UdpSendOperation(socket, data.Bytes, null));
    }

    /// <summary>sendto(datagram, ip, port): the address must be numeric (LuaSocket resolves it with AI_NUMERICHOST).</summary>
    private int UdpSendTo(CallContext call)
    {
        var udp = CheckUdp(call, connected: false);
        var data = call.CheckString(2);
        string ip = call.CheckString(3).ToLatin1String();
        string port = call.CheckString(4).ToLatin1String();
        if (!Resolver.IsLiteral(ip) || !IPAddress.TryParse(ip, out var address) || port.Length == 0 || !port.All(char.IsAsciiDigit)
            || !int.TryParse(port, out int number) || number > 65535)
            return call.Return(LuaValue.Nil, "Name or service not known"); // gai_strerror(EAI_NONAME)
        if (udp.Family != AddressFamily.Unspecified && address.AddressFamily != udp.Family)
            return call.Return(LuaValue.Nil, "Address family for hostname not supported");
        var socket = udp.Open;
        if (socket is null && udp.Socket is null)
        {
            // socket.udp(): the first sendto makes the socket, of the address's family
            socket = SocketFor(udp, address.AddressFamily, out string? error);
            if (socket is null) return call.Return(LuaValue.Nil, error);
            udp.Family = address.AddressFamily;
        }
        if (socket is null) return call.Return(LuaValue.Nil, "refused");
        return RunSocket(call, udp, socket, new UdpSendOperation(socket, data.Bytes, new IPEndPoint(address, number)));
    }

    /// <summary>setpeername(address, port) connects (udp{connected} on success); setpeername("*") disconnects.</summary>
    private int UdpSetPeerName(CallContext call)
    {
        var udp = CheckUdp(call, null);
        var userdata = (LuaUserdata)call[1].Obj!;
        string address = call.CheckString(2).ToLatin1String();
        if (address == "*")
        {
            if (udp.Fd is int fd && fd >= 0) SocketCalls.Disconnect(fd);
            SetUdpClass(userdata, udp, connected: false);
            return call.Return(1);
        }
        string port = call.CheckString(3).ToLatin1String();
        return Run(call, new AddressOperation(this, udp, null, "0", address, port, 1, closeOnFailure: false,
            onSuccess: () => SetUdpClass(userdata, udp, connected: true)));
    }

    private int UdpSetSockName(CallContext call)
    {
        var udp = CheckUdp(call, connected: false);
        string address = call.CheckString(2).ToLatin1String();
        string port = call.CheckString(3).ToLatin1String();
        return Run(call, new AddressOperation(this, udp, address, port, null, "0", 1, closeOnFailure: false));
    }
}

/// <summary>
/// One datagram in: recv or recvfrom on the descriptor; waits for readability when none is
/// queued. Results: the datagram (receivefrom adds the sender's address and port), or nil and
/// the error ("timeout", "connection refused" after an ICMP refusal on a connected socket).
/// </summary>
internal sealed class UdpReceiveOperation(KrakenSocket socket, int size, bool from) : SocketOperation(socket)
{
    /// <summary>LuaSocket's UDP_DATAGRAMSIZE.</summary>
    public const int DefaultSize = 8192;

    protected override bool WaitsToWrite => false;

    protected override bool Progress()
    {
        var buffer = new byte[size];
        int n = SocketCalls.ReceiveFrom(Socket.Descriptor, buffer, from, out var sender, out int errno);
        if (n < 0)
        {
            if (errno == SocketCalls.EAGAIN) return false;
            Results = [LuaValue.Nil, LuaSocketErrors.Text(errno)];
            return true;
        }
        var data = LuaString.FromBytes(buffer.AsSpan(0, n));
        Results = from
            ? (sender is null ? [LuaValue.Nil, "Address family for hostname not supported"] : [data, sender.Address.ToString(), sender.Port])
            : [data];
        return true;
    }

    protected override LuaValue[] FailureResults(string error) =>
        error == "closed" && !from ? [LuaString.Empty] : [LuaValue.Nil, error];
}

/// <summary>One datagram out: send (connected) or sendto; waits for writability when the kernel's buffer is full. Results: the bytes sent, or nil and the error.</summary>
internal sealed class UdpSendOperation(KrakenSocket socket, byte[] data, IPEndPoint? target) : SocketOperation(socket)
{
    protected override bool WaitsToWrite => true;

    protected override bool Progress()
    {
        int n = SocketCalls.SendTo(Socket.Descriptor, data, target, out int errno);
        if (n >= 0)
        {
            Socket.BytesSent += n;
            Results = [n];
            return true;
        }
        if (errno == SocketCalls.EAGAIN) return false;
        Results = [LuaValue.Nil, errno == 32 /* EPIPE: LuaSocket's "closed", which UDP calls "refused" */ ? "refused" : LuaSocketErrors.Text(errno)];
        return true;
    }

    protected override LuaValue[] FailureResults(string error) => [LuaValue.Nil, error == "closed" ? "refused" : error];
}
