namespace LuaVm.Runtime;

/// <summary>
/// Raised by os.exit: ends the program. It is not a Lua error: pcall does not catch it, and the
/// host (or embedder) flushes output and exits with <see cref="ExitCode"/>.
/// </summary>
public sealed class LuaExitException(int exitCode) : Exception($"os.exit({exitCode})")
{
    /// <summary>The process exit code requested.</summary>
    public int ExitCode { get; } = exitCode;
}
