using System.Runtime.InteropServices;

namespace KrakenHost.Server;

/// <summary>
/// The few Linux system calls the event loop needs that .NET does not expose: epoll (so the loop
/// thread itself waits for readiness, with no thread-pool hop per event), eventfd (to wake the
/// loop from a signal handler), accept4 (non-throwing accept), the user switch of registerUser, and
/// what --workers needs to hand listening sockets to its workers and tie them to the first process
/// (fcntl for FD_CLOEXEC, prctl for PR_SET_PDEATHSIG, getppid, kill), and execve and memfd_create, by which the
/// Native AOT front end hands a program and its compiled chunks to the JIT build (CommandLine/JitHandoff.cs).
/// </summary>
internal static partial class LinuxInterop
{
    /// <summary>Replaces the process with <paramref name="path"/>; returns (-1) only on failure. argv and envp end with a null pointer.</summary>
    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial int execve(byte* path, byte** argv, byte** envp);

    /// <summary>An anonymous in-memory file, by which the front end passes its compiled chunks on (CommandLine/CompiledChunks.cs).</summary>
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int memfd_create(string name, uint flags);

    public const uint EPOLLIN = 0x001, EPOLLOUT = 0x004, EPOLLERR = 0x008, EPOLLHUP = 0x010,
        EPOLLRDHUP = 0x2000, EPOLLET = 1u << 31;
    public const int EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3, EPOLL_CLOEXEC = 0x80000;
    public const int EFD_NONBLOCK = 0x800, EFD_CLOEXEC = 0x80000;
    public const int SOCK_NONBLOCK = 0x800, SOCK_CLOEXEC = 0x80000;
    public const int EAGAIN = 11, EINTR = 4, EMFILE = 24, ENFILE = 23, EPERM = 1;
    public const int F_GETFD = 1, F_SETFD = 2, FD_CLOEXEC = 1;
    public const int PR_SET_PDEATHSIG = 1;
    public const int SIGKILL = 9, SIGTERM = 15;

    /// <summary>struct epoll_event: packed on x86-64 (12 bytes), natural alignment elsewhere (16).</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    public struct EpollEventPacked
    {
        public uint Events;
        public ulong Data;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct EpollEventAligned
    {
        public uint Events;
        public ulong Data;
    }

    public static readonly bool PackedEpollEvents = RuntimeInformation.ProcessArchitecture == Architecture.X64;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int epoll_create1(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static partial int EpollCtlPacked(int epfd, int op, int fd, ref EpollEventPacked ev);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static partial int EpollCtlAligned(int epfd, int op, int fd, ref EpollEventAligned ev);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    public static unsafe partial int EpollWaitRaw(int epfd, void* events, int maxEvents, int timeout);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int eventfd(uint initval, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial nint write(int fd, void* buf, nint count);

    [LibraryImport("libc", SetLastError = true)]
    public static unsafe partial nint read(int fd, void* buf, nint count);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);

    // recv and send run on the loop's sockets, which are all non-blocking: a call never waits,
    // so it needs no switch of the thread to the runtime's preemptive mode (a GC that another
    // thread starts waits the few microseconds the call takes), and errno is read right after it
    // with Marshal.GetLastSystemError, no runtime code having run in between.
    [LibraryImport("libc")]
    [SuppressGCTransition]
    public static unsafe partial nint recv(int fd, void* buf, nint count, int flags);

    [LibraryImport("libc")]
    [SuppressGCTransition]
    public static unsafe partial nint send(int fd, void* buf, nint count, int flags);

    /// <summary>send's flag that makes a write to a reset connection fail with EPIPE instead of raising SIGPIPE.</summary>
    public const int MSG_NOSIGNAL = 0x4000;

    /// <summary>The SocketError for a recv/send errno (the ones a connected TCP socket gives).</summary>
    public static System.Net.Sockets.SocketError SocketErrorOf(int errno) => errno switch
    {
        EAGAIN => System.Net.Sockets.SocketError.WouldBlock,
        EINTR => System.Net.Sockets.SocketError.Interrupted,
        32 /* EPIPE */ => System.Net.Sockets.SocketError.Shutdown,
        104 /* ECONNRESET */ => System.Net.Sockets.SocketError.ConnectionReset,
        103 /* ECONNABORTED */ => System.Net.Sockets.SocketError.ConnectionAborted,
        110 /* ETIMEDOUT */ => System.Net.Sockets.SocketError.TimedOut,
        107 /* ENOTCONN */ => System.Net.Sockets.SocketError.NotConnected,
        111 /* ECONNREFUSED */ => System.Net.Sockets.SocketError.ConnectionRefused,
        113 /* EHOSTUNREACH */ => System.Net.Sockets.SocketError.HostUnreachable,
        101 /* ENETUNREACH */ => System.Net.Sockets.SocketError.NetworkUnreachable,
        100 /* ENETDOWN */ => System.Net.Sockets.SocketError.NetworkDown,
        105 /* ENOBUFS */ or 12 /* ENOMEM */ => System.Net.Sockets.SocketError.NoBufferSpaceAvailable,
        _ => System.Net.Sockets.SocketError.SocketError,
    };

    [LibraryImport("libc", SetLastError = true)]
    public static partial int accept4(int fd, nint addr, nint addrlen, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setuid(uint uid);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setgid(uint gid);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int setgroups(nint size, nint list);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint getpwuid(uint uid);

    // fcntl and prctl are variadic in C; their extra arguments are plain integers, which the
    // x86-64 and arm64 Linux calling conventions pass exactly like fixed ones.
    [LibraryImport("libc", SetLastError = true)]
    public static partial int fcntl(int fd, int cmd, int arg);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);

    [LibraryImport("libc")]
    public static partial int getppid();

    [LibraryImport("libc", SetLastError = true)]
    public static partial int kill(int pid, int signal);

    [LibraryImport("libc")]
    private static partial nint pthread_self();

    [LibraryImport("libc")]
    private static partial int pthread_getcpuclockid(nint thread, out int clockId);

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int clock_gettime(int clockId, long* timespec);

    private const int CLOCK_MONOTONIC = 1;

    /// <summary>The CPU-time clock of the calling thread, readable from other threads; -1 if there is none.</summary>
    public static int CurrentThreadCpuClock() => pthread_getcpuclockid(pthread_self(), out int clock) == 0 ? clock : -1;

    /// <summary>A clock's time in nanoseconds (the monotonic clock for -1: wall time where no CPU clock exists).</summary>
    public static unsafe long CpuClockNanoseconds(int clockId)
    {
        long* ts = stackalloc long[2];
        if (clock_gettime(clockId >= 0 ? clockId : CLOCK_MONOTONIC, ts) != 0) clock_gettime(CLOCK_MONOTONIC, ts);
        return ts[0] * 1_000_000_000 + ts[1];
    }

    /// <summary>Sets or clears FD_CLOEXEC on a descriptor; false when it is not open.</summary>
    public static bool SetCloseOnExec(int fd, bool on)
    {
        int flags = fcntl(fd, F_GETFD, 0);
        if (flags < 0) return false;
        return fcntl(fd, F_SETFD, on ? flags | FD_CLOEXEC : flags & ~FD_CLOEXEC) == 0;
    }

    /// <summary>Adds a file descriptor to an epoll set with the given interest and a token.</summary>
    public static int EpollAdd(int epfd, int fd, uint events, ulong token) => EpollControl(epfd, EPOLL_CTL_ADD, fd, events, token);

    public static int EpollModify(int epfd, int fd, uint events, ulong token) => EpollControl(epfd, EPOLL_CTL_MOD, fd, events, token);

    private static int EpollControl(int epfd, int op, int fd, uint events, ulong token)
    {
        if (PackedEpollEvents)
        {
            var ev = new EpollEventPacked { Events = events, Data = token };
            return EpollCtlPacked(epfd, op, fd, ref ev);
        }
        var aligned = new EpollEventAligned { Events = events, Data = token };
        return EpollCtlAligned(epfd, op, fd, ref aligned);
    }

    /// <summary>Removes a file descriptor from an epoll set (before it is closed).</summary>
    public static int EpollDelete(int epfd, int fd)
    {
        if (PackedEpollEvents)
        {
            var ev = default(EpollEventPacked);
            return EpollCtlPacked(epfd, EPOLL_CTL_DEL, fd, ref ev);
        }
        var aligned = default(EpollEventAligned);
        return EpollCtlAligned(epfd, EPOLL_CTL_DEL, fd, ref aligned);
    }

    /// <summary>The gid of a user id's passwd entry, or null when the uid is unknown.</summary>
    public static uint? GroupOfUser(uint uid)
    {
        nint pw = getpwuid(uid);
        if (pw == 0) return null;
        // struct passwd { char *pw_name; char *pw_passwd; uid_t pw_uid; gid_t pw_gid; ... }
        return (uint)Marshal.ReadInt32(pw, 2 * IntPtr.Size + 4);
    }
}
