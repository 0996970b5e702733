using LuaVm.Runtime;

namespace LuaVm;

/// <summary>The standard libraries, for choosing which ones a state opens.</summary>
[Flags]
public enum LuaLibraries
{
    /// <summary>No library at all.</summary>
    None = 0,
    /// <summary>Base functions (print, pairs, pcall, ...).</summary>
    Base = 1,
    /// <summary>package and require.</summary>
    Package = 2,
    /// <summary>string.</summary>
    String = 4,
    /// <summary>table.</summary>
    Table = 8,
    /// <summary>math.</summary>
    Math = 16,
    /// <summary>io.</summary>
    Io = 32,
    /// <summary>os.</summary>
    Os = 64,
    /// <summary>debug.</summary>
    Debug = 128,
    /// <summary>coroutine.</summary>
    Coroutine = 256,
    /// <summary>
    /// The libraries a sandbox keeps: no io, os, debug or package. The base library still has
    /// dofile and loadfile; <see cref="LuaState.CreateSandbox"/> removes them too.
    /// </summary>
    Safe = Base | String | Table | Math | Coroutine,
    /// <summary>Everything, as lua5.1 opens it.</summary>
    All = Base | Package | String | Table | Math | Io | Os | Debug | Coroutine,
}

/// <summary>
/// A Lua state: globals, registry, the main thread, and the standard streams. This is the entry
/// point for running Lua code from C#.
/// </summary>
public sealed partial class LuaState : IDisposable
{
    /// <summary>The global table (_G).</summary>
    public LuaTable Globals { get; internal set; }

    /// <summary>The registry: a table for C# code to keep Lua values in.</summary>
    public LuaTable Registry { get; } = new();

    /// <summary>The main thread.</summary>
    public LuaThread MainThread { get; }

    /// <summary>Metatable shared by all strings (set by the string library: __index = string).</summary>
    public LuaTable? StringMetatable { get; set; }

    /// <summary>Metatables of the types without individual ones (debug.setmetatable), by LuaType.</summary>
    internal readonly LuaTable?[] TypeMetatables = new LuaTable?[9];

    /// <summary>Nested native-to-Lua calls in progress (limited to 200: "C stack overflow").</summary>
    internal int NestedCalls;

    /// <summary>
    /// The pcall/xpcall markers of the threads that resumed the running one, down the chain
    /// (their <see cref="Vm.ThreadProtocol.ProtectedCount"/>): lua5.1 counts a pcall as a C level, and
    /// a resumed coroutine starts at its resumer's level (Interpreter.CLevels).
    /// </summary>
    internal int ResumerMarkers;

    /// <summary>A pattern matcher kept for reuse by the string library (see LuaPattern.Rent).</summary>
    internal Library.String.LuaPattern? SpareMatcher;
    /// <summary>Recently used patterns in compiled form (see CompiledPattern.Lookup).</summary>
    internal Library.String.CompiledPattern?[]? PatternCache;

    /// <summary>Weak tables, __gc and collectgarbage counters.</summary>
    internal readonly Vm.GarbageCollector Gc = new();

    private bool _closed;

    /// <summary>
    /// Closes the state as lua_close does: calls the __gc metamethod of every userdata (from
    /// newproxy) that still has one pending, newest first, and flushes every file io opened and
    /// <see cref="StdOut"/> and <see cref="StdErr"/>. Closing twice does nothing more.
    /// </summary>
    public void Close()
    {
        if (_closed) return;
        _closed = true;
        Gc.Close(this);
        OpenFiles.FlushAll();
        FlushQuietly(StdOut);
        FlushQuietly(StdErr);
    }

    /// <summary>Closes the state (<see cref="Close"/>).</summary>
    public void Dispose() => Close();

    private static void FlushQuietly(Stream stream)
    {
        try
        {
            stream.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
        {
            // a stream the embedder closed or cannot flush: nothing left to save
        }
    }

    // The buffered streams on the process's standard output that states made: flushed when the
    // process exits, so that print's output is never lost when a program forgets Close. Held
    // weakly: a state that is dropped does not stay alive for this.
    private static readonly List<WeakReference<Stream>> ConsoleOutputs = [];

    static LuaState() => AppDomain.CurrentDomain.ProcessExit += (_, _) => FlushConsoleOutputs();

    private static void RememberConsoleOutput(Stream stream)
    {
        lock (ConsoleOutputs)
        {
            ConsoleOutputs.RemoveAll(w => !w.TryGetTarget(out _));
            ConsoleOutputs.Add(new WeakReference<Stream>(stream));
        }
    }

    private static void FlushConsoleOutputs()
    {
        lock (ConsoleOutputs)
            foreach (var w in ConsoleOutputs)
            {
                if (!w.TryGetTarget(out var stream)) continue;
                try
                {
                    stream.Flush();
                }
                catch (Exception)
                {
                    // the process is exiting: a stream in use by another thread or gone is skipped, never reported
                }
            }
    }

    /// <summary>
    /// Flushes every file io opened that is still open, as C's exit() flushes every FILE*: os.exit
    /// and the end of the program must not lose buffered output.
    /// </summary>
    public void FlushOpenFiles() => OpenFiles.FlushAll();

    /// <summary>Files opened by io (weakly held), so that they can be flushed at exit.</summary>
    internal readonly Library.Io.OpenFileList OpenFiles = new();

    /// <summary>The thread running now (the main thread, or the coroutine being resumed).</summary>
    public LuaThread CurrentThread { get; internal set; }

    /// <summary>
    /// Standard output used by print and io.write. The default, the process's standard output,
    /// is buffered: it is flushed by io.flush, by <see cref="Close"/> (and Dispose), and when the
    /// process exits.
    /// </summary>
    public Stream StdOut { get; set; }

    /// <summary>io.stdout's file, when io is opened: its setvbuf mode also governs print.</summary>
    internal Library.Io.LuaFile? StdOutFile;

    /// <summary>Standard error.</summary>
    public Stream StdErr { get; set; }

    /// <summary>Standard input.</summary>
    public Stream StdIn { get; set; }

    /// <summary>
    /// The streams the constructor opened on the process's file descriptors 0, 1 and 2: an io
    /// file on one of these is a standard stream of the process (the term module's isatty asks the
    /// OS about it), whatever StdIn/StdOut/StdErr were replaced with since.
    /// </summary>
    internal readonly Stream ConsoleStdIn, ConsoleStdOut, ConsoleStdErr;

    /// <summary>Creates a state with the given standard libraries opened.</summary>
    public LuaState(LuaLibraries libraries = LuaLibraries.All)
    {
        Globals = new LuaTable();
        MainThread = new LuaThread(this) { Status = CoroutineStatus.Running };
        CurrentThread = MainThread;
        StdOut = ConsoleStdOut = new BufferedStream(Console.OpenStandardOutput(), 1 << 16);
        RememberConsoleOutput(ConsoleStdOut);
        StdErr = ConsoleStdErr = Console.OpenStandardError();
        StdIn = ConsoleStdIn = Console.OpenStandardInput();
        Library.StandardLibraries.Open(this, libraries);
    }

    /// <summary>
    /// Registers a C# function as a global, or, for a dotted name such as <c>"app.log.write"</c>,
    /// as a field of nested global tables (created when missing: <c>app</c>, then <c>app.log</c>).
    /// Throws <see cref="InvalidOperationException"/> when a part of the path holds something
    /// other than a table.
    /// </summary>
    public NativeFunction Register(string name, LuaNativeFunction function)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(function);
        var parts = name.Split('.');
        var table = Globals;
        for (int i = 0; i < parts.Length - 1; i++)
        {
            var next = table[parts[i]];
            if (next.IsNil)
            {
                next = new LuaTable();
                table[parts[i]] = next;
            }
            table = next.AsTable ?? throw new InvalidOperationException(
                $"cannot register '{name}': '{string.Join('.', parts, 0, i + 1)}' is a {next.TypeName()}, not a table");
        }
        var f = new NativeFunction(parts[^1], function, Globals);
        table[parts[^1]] = f;
        return f;
    }

    /// <summary>Creates a native function value (not registered anywhere).</summary>
    public NativeFunction CreateFunction(string name, LuaNativeFunction function) => new(name, function, Globals);
}
