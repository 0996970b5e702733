using System.Runtime.InteropServices;

namespace LuaVm.Library.Io;

/// <summary>
/// The few libc functions the io and os libraries call. LibraryImport (source-generated
/// marshalling, what Native AOT prefers) does not exist on netstandard2.1, where the same
/// declarations are classic DllImports; every caller uses these names either way.
/// </summary>
internal static unsafe partial class LibC
{
#if NETSTANDARD2_1
    [DllImport("libc", SetLastError = true)]
    public static extern long lseek(Microsoft.Win32.SafeHandles.SafeFileHandle fd, long offset, int whence);

    [DllImport("libc")]
    public static extern nint newlocale(int categoryMask, byte* locale, nint baseLocale);

    [DllImport("libc")]
    public static extern byte* strerror_l(int errnum, nint locale);
#else
    [LibraryImport("libc", SetLastError = true)]
    public static partial long lseek(Microsoft.Win32.SafeHandles.SafeFileHandle fd, long offset, int whence);

    [LibraryImport("libc")]
    public static partial nint newlocale(int categoryMask, byte* locale, nint baseLocale);

    [LibraryImport("libc")]
    public static partial byte* strerror_l(int errnum, nint locale);
#endif
}
