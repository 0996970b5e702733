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

    /// <summary>
    /// strerror(errno) as lua5.1 shows it: glibc's own message in the "C" locale (lua.c never
    /// calls setlocale, so its messages are never translated, whatever locale .NET set).
    /// Elsewhere, .NET's message for the number.
    /// </summary>
    public static unsafe string Text(int errno)
    {
        if (!OperatingSystem.IsLinux()) return Marshal.GetPInvokeErrorMessage(errno);
        byte* message = CLocale == 0 ? null : LibC.strerror_l(errno, CLocale);
        return message is null ? "Unknown error " + errno.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : System.Text.Encoding.Latin1.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(message));
    }

    private static readonly nint CLocale = OperatingSystem.IsLinux() ? NewCLocale() : 0;

    private static unsafe nint NewCLocale()
    {
        const int LC_ALL_MASK = 8127; // glibc: every category but LC_ALL itself
        ReadOnlySpan<byte> c = "C\0"u8;
        fixed (byte* name = c) return LibC.newlocale(LC_ALL_MASK, name, 0);
    }

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
