using System.IO.Pipes;
using System.Runtime.InteropServices;
using LuaVm.Library.Io;
using LuaVm.Runtime;
using Microsoft.Win32.SafeHandles;

namespace LuaModules.Lfs;

/// <summary>
/// lfs.lock, lfs.unlock and lfs.setmode: calls on io library files. Locks are POSIX record locks
/// (fcntl F_SETLK), so they are per process, never wait, and a lock taken again by the same
/// process replaces the old one, as with lfs.
/// </summary>
internal static unsafe class FileLocks
{
    /// <summary>lfs.lock(file, mode [, start [, length]]): mode "r" (shared) or "w" (exclusive), by its first letter.</summary>
    public static int Lock(CallContext call)
    {
        var file = CheckFile(call, "lock");
        var mode = call.CheckString(2);
        long start = call.OptInteger(3, 0), length = call.OptInteger(4, 0);
        int type = mode.Length == 0 ? -1 : mode.Bytes[0] switch
        {
            (byte)'r' => LibC.F_RDLCK,
            (byte)'w' => LibC.F_WRLCK,
            (byte)'u' => LibC.F_UNLCK, // lfs's own internal mode, reachable from Lua too
            _ => -1,
        };
        if (type < 0) throw call.Error("lock: invalid mode");
        return SetLock(call, file, (short)type, start, length);
    }

    /// <summary>lfs.unlock(file [, start [, length]]).</summary>
    public static int Unlock(CallContext call)
    {
        var file = CheckFile(call, "unlock");
        long start = call.OptInteger(2, 0), length = call.OptInteger(3, 0);
        return SetLock(call, file, LibC.F_UNLCK, start, length);
    }

    /// <summary>lfs.setmode(file, "binary" | "text"): on POSIX systems a no-op that answers true, "binary".</summary>
    public static int SetMode(CallContext call)
    {
        CheckFile(call, "setmode");
        call.CheckOption(2, null, "binary", "text");
        return call.Return(LuaValue.True, Binary);
    }

    private static readonly LuaString Binary = LuaString.Shared("binary");

    /// <summary>Length 0 means "to the end of the file, however it grows" (POSIX's rule, as lfs passes it on).</summary>
    private static int SetLock(CallContext call, LuaFile file, short type, long start, long length)
    {
        var fd = DescriptorOf(call, file);
        var info = new LibC.FLock { Type = type, Whence = 0 /* SEEK_SET */, Start = start, Length = length };
        int result = fd is null ? -1 : LibC.FcntlLock(fd, LibC.F_SETLK, &info);
        if (result != -1) return call.Return(LuaValue.True);
        int errno = fd is null ? LibC.EBADF : ErrorText.LastErrno();
        return call.Return(LuaValue.Nil, ErrorText.Of(errno));
    }

    /// <summary>An open io file at argument 1 (luaL_checkudata "FILE*", then lfs's closed-file error).</summary>
    private static LuaFile CheckFile(CallContext call, string function)
    {
        var file = call.CheckUserdata<LuaFile>(1, "FILE*");
        if (file.IsClosed) throw call.ErrorLatin1(function + ": closed file");
        return file;
    }

    /// <summary>
    /// The operating-system descriptor behind an io file: a file from io.open or io.tmpfile, a
    /// pipe from io.popen, or the process's own standard stream for io.stdin/stdout/stderr.
    /// Null for a stream with no descriptor (an embedder's in-memory standard stream).
    /// </summary>
    private static SafeHandle? DescriptorOf(CallContext call, LuaFile file)
    {
        var stream = file.Stream;
        var state = call.State;
        int standard = !file.IsStandard ? -1
            : ReferenceEquals(stream, state.StdIn) ? 0 : ReferenceEquals(stream, state.StdOut) ? 1 : ReferenceEquals(stream, state.StdErr) ? 2 : -1;
        if (stream is BufferedStream buffered) stream = buffered.UnderlyingStream;
        return stream switch
        {
            FileStream f => f.SafeFileHandle,
            PipeStream p => p.SafePipeHandle,
            // System.Console's streams (what LuaState opens by default) wrap descriptors 0, 1 and 2
            _ when standard >= 0 && stream.GetType().Assembly == typeof(Console).Assembly => new SafeFileHandle((nint)standard, ownsHandle: false),
            _ => null,
        };
    }
}
