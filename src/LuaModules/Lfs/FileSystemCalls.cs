using LuaVm.Runtime;

namespace LuaModules.Lfs;

/// <summary>The lfs functions that are one system call each: mkdir, rmdir, chdir, currentdir, touch, link.</summary>
internal static unsafe class FileSystemCalls
{
    /// <summary>lfs.mkdir(path): mode rwxrwxr-x, less the umask.</summary>
    public static int MakeDirectory(CallContext call)
    {
        Span<byte> stack = stackalloc byte[CString.StackSize];
        fixed (byte* p = CString.Terminated(call.CheckString(1), stack))
            return Results.TrueOrFailure(call, LibC.mkdir(p, 0x1FD /* 0775 */));
    }

    /// <summary>lfs.rmdir(path).</summary>
    public static int RemoveDirectory(CallContext call)
    {
        Span<byte> stack = stackalloc byte[CString.StackSize];
        fixed (byte* p = CString.Terminated(call.CheckString(1), stack))
            return Results.TrueOrFailure(call, LibC.rmdir(p));
    }

    /// <summary>lfs.chdir(path): true, or nil and lfs's two-line message (no errno).</summary>
    public static int ChangeDirectory(CallContext call)
    {
        var path = call.CheckString(1);
        int result;
        Span<byte> stack = stackalloc byte[CString.StackSize];
        fixed (byte* p = CString.Terminated(path, stack)) result = LibC.chdir(p);
        if (result == 0) return call.Return(LuaValue.True);
        var message = CString.Concat("Unable to change working directory to '"u8, CString.Visible(path), "'\n"u8,
            ErrorText.Of(ErrorText.LastErrno()).Span, "\n"u8);
        return call.Return(LuaValue.Nil, message);
    }

    /// <summary>lfs.currentdir(): getcwd, with a buffer that grows until the path fits.</summary>
    public static int CurrentDirectory(CallContext call)
    {
        for (int size = 4096; ; size *= 2)
        {
            var buffer = new byte[size];
            fixed (byte* b = buffer)
            {
                if (LibC.getcwd(b, size) is not null)
                    return call.Return(LuaString.FromBytes(buffer.AsSpan(0, buffer.AsSpan().IndexOf((byte)0))));
            }
            int errno = ErrorText.LastErrno();
            if (errno == LibC.ERANGE && size >= LibC.MaxPathBuffer) errno = LibC.ENAMETOOLONG;
            if (errno != LibC.ERANGE) return Results.Failure(call, "get_dir getcwd() failed"u8, errno);
        }
    }

    /// <summary>
    /// lfs.touch(path [, atime [, mtime]]): with the path alone, both times become now; otherwise
    /// atime defaults to 0 (so an explicit nil means the epoch, as in lfs) and mtime to atime.
    /// </summary>
    public static int Touch(CallContext call)
    {
        var path = call.CheckString(1);
        LibC.UTimBuf times = default;
        bool now = call.ArgCount == 1;
        if (!now)
        {
            times.AccessTime = CallContext.ToInteger(call.OptNumber(2, 0));
            times.ModificationTime = call.OptInteger(3, times.AccessTime);
        }
        Span<byte> stack = stackalloc byte[CString.StackSize];
        fixed (byte* p = CString.Terminated(path, stack))
            return Results.TrueOrFailure(call, LibC.utime(p, now ? null : &times));
    }

    /// <summary>lfs.link(old, new [, symbolic]): a hard link, or a symbolic one when the third argument is true.</summary>
    public static int Link(CallContext call)
    {
        var oldPath = call.CheckString(1);
        var newPath = call.CheckString(2);
        bool symbolic = call[3].IsTruthy;
        Span<byte> oldStack = stackalloc byte[CString.StackSize];
        Span<byte> newStack = stackalloc byte[CString.StackSize];
        fixed (byte* o = CString.Terminated(oldPath, oldStack))
        fixed (byte* n = CString.Terminated(newPath, newStack))
            return Results.TrueOrFailure(call, symbolic ? LibC.symlink(o, n) : LibC.link(o, n));
    }
}
