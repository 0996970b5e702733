using System.Runtime.InteropServices;
using LuaVm;
using LuaVm.Library.Io;

namespace LuaModules.Term;

/// <summary>
/// isatty(fileno(f)) for an io file: is the stream a terminal? The process's standard streams are
/// asked through Console (which asks the OS about descriptors 0, 1, 2); a file io.open opened is
/// asked through libc's isatty on its descriptor (say "/dev/tty"); anything else (pipes of
/// io.popen, streams an embedder substituted) is not a terminal.
/// </summary>
internal static partial class Terminal
{
    /// <summary>Whether the open <paramref name="file"/> is a terminal; null when libc's isatty cannot be called here.</summary>
    public static bool? IsTerminal(LuaState state, LuaFile file)
    {
        var stream = file.Stream;
        if (ReferenceEquals(stream, state.ConsoleStdOut)) return !Console.IsOutputRedirected;
        if (ReferenceEquals(stream, state.ConsoleStdErr)) return !Console.IsErrorRedirected;
        if (ReferenceEquals(stream, state.ConsoleStdIn)) return !Console.IsInputRedirected;
        // on Windows a FileStream on "CON" is the only terminal io.open can give, and lua5.1 there
        // is not our reference: such a file is reported as no terminal (docs/compatibility.md)
        if (stream is FileStream fs && !OperatingSystem.IsWindows())
        {
            try
            {
                return isatty((int)fs.SafeFileHandle.DangerousGetHandle()) == 1;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                return null; // a libc without isatty (never on Linux or macOS)
            }
        }
        return false;
    }

#if !NETSTANDARD2_1 // netstandard2.1 has no LibraryImport: Polyfills/NativeImports.cs declares these with DllImport
    [LibraryImport("libc")]
    private static partial int isatty(int fd);
#endif
}
