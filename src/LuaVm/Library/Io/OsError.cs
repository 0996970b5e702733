using System.Runtime.InteropServices;

namespace LuaVm.Library.Io;

/// <summary>
/// The errno and strerror text lua5.1 reports for a failed file operation, recovered from the
/// .NET exception: on Unix, .NET keeps the errno in an IOException's HResult when it has no
/// exception type of its own for it, and folds a few errnos into typed exceptions that this
/// unfolds again (a directory where a file was expected, a file where a directory was).
/// </summary>
internal static class OsError
{
    public const int ENOENT = 2, EIO = 5, EBADF = 9, EACCES = 13, ENOTDIR = 20, EISDIR = 21, EINVAL = 22, ESPIPE = 29, ENAMETOOLONG = 36;

    /// <summary>strerror(errno) as the C library words it.</summary>
    public static string Text(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    /// <summary>The errno behind <paramref name="e"/>, raised while opening or using <paramref name="path"/> (null: an open file).</summary>
    public static int Of(Exception e, string? path) => e switch
    {
        FileNotFoundException => ENOENT,
        DirectoryNotFoundException => path is not null && UnderAFile(path) ? ENOTDIR : ENOENT,
        // .NET reports a directory opened as a file as "access denied"
        UnauthorizedAccessException => path is not null && Directory.Exists(path) ? EISDIR : EACCES,
        PathTooLongException => ENAMETOOLONG,
        IOException { HResult: > 0 and < 4096 } io => io.HResult,
        _ => EIO,
    };

    /// <summary>Whether a folder on the way to <paramref name="path"/> is a file (what makes open fail with ENOTDIR).</summary>
    private static bool UnderAFile(string path)
    {
        for (string? parent = Path.GetDirectoryName(path); !string.IsNullOrEmpty(parent); parent = Path.GetDirectoryName(parent))
            if (File.Exists(parent)) return true;
        return false;
    }
}
