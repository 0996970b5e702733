using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace KrakenHost.Server.LuaSocket;

/// <summary>
/// The system calls LuaSocket's methods make, on the descriptor itself: connect, bind, listen,
/// getsockname/getpeername and poll. .NET's Socket keeps its own idea of a socket's state (it
/// does not know that a non-blocking connect finished, caches endpoints, throws for a second
/// connect), while LuaSocket's answers are those of the system calls: a second connect after a
/// non-blocking one succeeds once and then says "already connected", getpeername on an
/// unconnected socket gives ENOTCONN's message, and so on. errno values are Linux's.
/// </summary>
internal static unsafe partial class SocketCalls
{
    public const int EINTR = 4, EAGAIN = 11, EINPROGRESS = 115, EBADF = 9;
    public const short POLLIN = 0x001, POLLOUT = 0x004, POLLERR = 0x008, POLLHUP = 0x010;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    private static partial int SysConnect(int fd, byte* address, int length);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    private static partial int SysBind(int fd, byte* address, int length);

    [LibraryImport("libc", EntryPoint = "listen", SetLastError = true)]
    private static partial int SysListen(int fd, int backlog);

    [LibraryImport("libc", EntryPoint = "getsockname", SetLastError = true)]
    private static partial int SysGetSockName(int fd, byte* address, int* length);

    [LibraryImport("libc", EntryPoint = "getpeername", SetLastError = true)]
    private static partial int SysGetPeerName(int fd, byte* address, int* length);

    [LibraryImport("libc", EntryPoint = "recvfrom", SetLastError = true)]
    private static partial nint SysRecvFrom(int fd, byte* buffer, nint length, int flags, byte* address, int* addressLength);

    [LibraryImport("libc", EntryPoint = "sendto", SetLastError = true)]
    private static partial nint SysSendTo(int fd, byte* buffer, nint length, int flags, byte* address, int addressLength);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int SysPoll(PollFd* fds, nuint count, int timeout);

    [LibraryImport("libc", EntryPoint = "getservbyname", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint SysGetServByName(string name, string protocol);

    [LibraryImport("libc", EntryPoint = "getservbyport", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint SysGetServByPort(int port, string protocol);

    /// <summary>connect(2); 0 or errno (EINTR retried: the connection attempt goes on in the kernel).</summary>
    public static int Connect(int fd, IPEndPoint target)
    {
        byte* address = stackalloc byte[28];
        int length = Encode(target, address);
        while (true)
        {
            if (SysConnect(fd, address, length) == 0) return 0;
            int errno = Marshal.GetLastPInvokeError();
            if (errno != EINTR) return errno;
        }
    }

    /// <summary>bind(2); 0 or errno.</summary>
    public static int Bind(int fd, IPEndPoint local)
    {
        byte* address = stackalloc byte[28];
        int length = Encode(local, address);
        return SysBind(fd, address, length) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>
    /// connect(2) to an AF_UNSPEC address: dissolves a datagram socket's association (udp's
    /// setpeername("*")); errors are ignored, as LuaSocket ignores them.
    /// </summary>
    public static void Disconnect(int fd)
    {
        byte* address = stackalloc byte[16];
        new Span<byte>(address, 16).Clear();
        SysConnect(fd, address, 16);
    }

    /// <summary>recvfrom(2): the datagram's length, or -1 with errno; <paramref name="from"/> gets the sender when asked for.</summary>
    public static int ReceiveFrom(int fd, Span<byte> buffer, bool wantSender, out IPEndPoint? from, out int errno)
    {
        byte* address = stackalloc byte[128];
        int length = 128;
        from = null;
        while (true)
        {
            nint n;
            fixed (byte* p = buffer) n = SysRecvFrom(fd, p, buffer.Length, 0, wantSender ? address : null, wantSender ? &length : null);
            errno = n >= 0 ? 0 : Marshal.GetLastPInvokeError();
            if (errno == EINTR) continue;
            if (n >= 0 && wantSender) from = Decode(address);
            return (int)n;
        }
    }

    /// <summary>sendto(2), or send(2) when <paramref name="target"/> is null: the bytes sent, or -1 with errno.</summary>
    public static int SendTo(int fd, ReadOnlySpan<byte> data, IPEndPoint? target, out int errno)
    {
        byte* address = stackalloc byte[28];
        int length = target is null ? 0 : Encode(target, address);
        while (true)
        {
            nint n;
            fixed (byte* p = data) n = SysSendTo(fd, p, data.Length, 0x4000 /* MSG_NOSIGNAL */, target is null ? null : address, length);
            errno = n >= 0 ? 0 : Marshal.GetLastPInvokeError();
            if (errno != EINTR) return (int)n;
        }
    }

    /// <summary>listen(2); 0 or errno.</summary>
    public static int Listen(int fd, int backlog) => SysListen(fd, backlog) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>getsockname(2) or getpeername(2): the endpoint, or null with errno.</summary>
    public static IPEndPoint? Name(int fd, bool peer, out int errno)
    {
        byte* address = stackalloc byte[128];
        int length = 128;
        int r = peer ? SysGetPeerName(fd, address, &length) : SysGetSockName(fd, address, &length);
        errno = r == 0 ? 0 : Marshal.GetLastPInvokeError();
        return r == 0 ? Decode(address) : null;
    }

    /// <summary>poll(2) with no wait: fills in each entry's Revents; false if poll failed.</summary>
    public static bool PollNow(Span<PollFd> fds)
    {
        fixed (PollFd* p = fds)
        {
            while (true)
            {
                if (SysPoll(p, (nuint)fds.Length, 0) >= 0) return true;
                if (Marshal.GetLastPInvokeError() != EINTR) return false;
            }
        }
    }

    /// <summary>True when one descriptor is ready now for reading (or writing): data, a connection, the end, or an error.</summary>
    public static bool IsReady(int fd, bool write)
    {
        Span<PollFd> one = [new PollFd { Fd = fd, Events = write ? POLLOUT : POLLIN }];
        return PollNow(one) && (one[0].Revents & ((write ? POLLOUT : POLLIN) | POLLERR | POLLHUP)) != 0;
    }

    /// <summary>The port of a TCP service name (/etc/services), or -1.</summary>
    public static int ServicePort(string name)
    {
        nint entry = SysGetServByName(name, "tcp");
        // struct servent { char *s_name; char **s_aliases; int s_port (network order); char *s_proto; }
        return entry == 0 ? -1 : BinaryPrimitives.ReverseEndianness((ushort)Marshal.ReadInt32(entry, 2 * IntPtr.Size));
    }

    /// <summary>The name of a TCP port's service (/etc/services), or null.</summary>
    public static string? ServiceName(int port)
    {
        nint entry = SysGetServByPort(BinaryPrimitives.ReverseEndianness((ushort)port), "tcp");
        return entry == 0 ? null : Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(entry));
    }

    /// <summary>strerror(errno), the text LuaSocket gives for errors it has no words of its own for.</summary>
    public static string StrError(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    // struct sockaddr_in { sa_family_t family; in_port_t port (network order); struct in_addr addr; char zero[8]; }
    // struct sockaddr_in6 { sa_family_t family; in_port_t port; uint32_t flowinfo; struct in6_addr addr; uint32_t scope_id; }
    private static int Encode(IPEndPoint endpoint, byte* p)
    {
        new Span<byte>(p, 28).Clear();
        var port = new Span<byte>(p + 2, 2);
        BinaryPrimitives.WriteUInt16BigEndian(port, (ushort)endpoint.Port);
        if (endpoint.AddressFamily == AddressFamily.InterNetwork)
        {
            *(ushort*)p = 2; // AF_INET
            endpoint.Address.TryWriteBytes(new Span<byte>(p + 4, 4), out _);
            return 16;
        }
        *(ushort*)p = 10; // AF_INET6
        endpoint.Address.TryWriteBytes(new Span<byte>(p + 8, 16), out _);
        *(uint*)(p + 24) = (uint)endpoint.Address.ScopeId;
        return 28;
    }

    private static IPEndPoint? Decode(byte* p)
    {
        int port = BinaryPrimitives.ReadUInt16BigEndian(new ReadOnlySpan<byte>(p + 2, 2));
        return *(ushort*)p switch
        {
            2 => new IPEndPoint(new IPAddress(new ReadOnlySpan<byte>(p + 4, 4)), port),
            10 => new IPEndPoint(new IPAddress(new ReadOnlySpan<byte>(p + 8, 16), *(uint*)(p + 24)), port),
            _ => null,
        };
    }
}
