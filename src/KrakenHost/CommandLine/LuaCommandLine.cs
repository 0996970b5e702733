using System.Text;
using LuaVm;
using LuaVm.Bytecode;
using LuaVm.Compiler;
using LuaVm.Runtime;
using KrakenHost.Server;

namespace KrakenHost.CommandLine;

/// <summary>
/// The command line of lua.c 5.1: <c>kraken [options] [script [args]]</c> with -e, -l, -i, -v,
/// -, --, LUA_INIT, plus kraken's own --list. Errors are reported as lua.c reports them:
/// "kraken: message" and the Lua traceback on stderr, exit code 1.
/// </summary>
public sealed class LuaCommandLine(string programName, TextReader input)
{
    private const string Version = "Lua 5.1 (Kraken)  Copyright (C) 1994-2008 Lua.org, PUC-Rio";

    private LuaState _state = null!;
    private KrakenServer _server = null!;

    /// <summary>Runs the command line and returns the exit code.</summary>
    public int Run(string[] args)
    {
        string[] originalArgs = args;
        HandOffIfLong(args);
        CompiledChunks.Receive();
        // a worker ties itself to the first process before anything else (docs/server.md, Scaling)
        Workers? worker = null;
        if (Workers.StartedAsWorker && (worker = Workers.Join(programName)) is null) return 1;
        if (args.Length >= 1 && args[0] == "--list") return List(args);
        _configFile = Environment.GetEnvironmentVariable("KRAKEN_CONFIG");
        _configRequired = _configFile is not null;
        if (!KrakenOptions(ref args, out int maxConnections, out int workers, out double runawayLimit)) return 1;
        _state = new LuaState();
        // KRAKEN_JIT_THRESHOLD: when functions are compiled (0 never, 1 at once; docs/cli.md)
        if (int.TryParse(Environment.GetEnvironmentVariable("KRAKEN_JIT_THRESHOLD"), out int jitThreshold) && jitThreshold >= 0)
            _state.JitThreshold = jitThreshold;
        _server = new KrakenServer(_state, programName) { MaxConnections = maxConnections };
        // --workers: this process is a group's first (it starts the others once it has bound the
        // listeners, in KrakenServer.Serve) or one of the others (it serves the first's sockets)
        if (worker is not null) _server.Workers = worker;
        else if (workers > 1) _server.Workers = Workers.First(originalArgs, workers);
        _server.Watchdog.Limit = runawayLimit;
        LuaModules.BuiltinModules.AddTo(_state);
        KrakenModule.Open(_state, _server);
        // socket.core and socket (LuaSocket's API on the loop); a socket.lua on package.path wins
        KrakenHost.Server.LuaSocket.LuaSocketModule.AddTo(_state, _server);
        return RunServerProcess(args);
    }

    /// <summary>
    /// The AOT build hands a program that is not straight-line code to the JIT build before
    /// anything runs (CommandLine/JitHandoff.cs): the chunks are those that Run would run, in order.
    /// </summary>
    private static void HandOffIfLong(string[] args)
    {
        if (System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported) return;
        var files = new List<string>();
        var texts = new List<(string, string)>();
        string[] rest = args;
        string? config = Environment.GetEnvironmentVariable("KRAKEN_CONFIG");
        while (rest.Length >= 2 && rest[0] is "--config" or "--max-connections" or "--workers" or "--runaway-limit")
        {
            if (rest[0] == "--config") config = rest[1];
            rest = rest[2..];
        }
        files.Add(config ?? "/etc/kraken.lua");
        string? init = Environment.GetEnvironmentVariable("LUA_INIT");
        if (init is not null)
        {
            if (init.StartsWith('@')) files.Add(init[1..]);
            else texts.Add((init, LuaInitName));
        }
        int scriptIndex = CollectArgs(rest, out bool interactive, out _, out bool execute, out bool bad);
        if (bad) return;
        bool loadsModules = false;
        for (int i = 0; i < scriptIndex && i < rest.Length; i++)
        {
            string a = rest[i];
            if (a.StartsWith("-e")) texts.Add((a.Length > 2 ? a[2..] : rest[++i], CommandLineName));
            else if (a.StartsWith("-l")) loadsModules = true;
        }
        bool readsStdin = interactive;
        if (scriptIndex < rest.Length)
        {
            if (rest[scriptIndex] == "-" && (scriptIndex == 0 || rest[scriptIndex - 1] != "--")) readsStdin = true;
            else files.Add(rest[scriptIndex]);
        }
        else if (!execute) readsStdin = true; // the prompt, or a script piped in
        JitHandoff.HandOffIfLong(args, files, texts, readsStdin, loadsModules);
    }

    private int RunServerProcess(string[] args)
    {
        try
        {
            int code = RunProtected(args);
            _state.Close(); // lua.c ends with lua_close: pending __gc metamethods run (not after os.exit)
            return code;
        }
        catch (LuaExitException exit)
        {
            _server.Loop.FlushHeld(); // os.exit in a connection: what its sends held still goes out
            _state.FlushOpenFiles(); // exit() flushes every open FILE*, without running __gc
            return exit.ExitCode;
        }
        finally
        {
            Flush();
        }
    }

    private void Flush()
    {
        try
        {
            _state.StdOut.Flush();
        }
        catch (IOException)
        {
            // stdout closed: nothing more to do
        }
    }

    private int RunProtected(string[] args)
    {
        int scriptIndex = CollectArgs(args, out bool interactive, out bool version, out bool execute, out bool bad);
        if (bad)
        {
            PrintUsage();
            return 1;
        }
        if (version) Console.Error.WriteLine(Version);
        if (!RunConfig()) return 1;
        if (!HandleLuaInit()) return 1;
        // like lua.c, `arg` exists only for a script, and only once the options have run
        if (!RunOptions(args, scriptIndex)) return 1;
        if (scriptIndex < args.Length)
        {
            if (!RunScript(args, scriptIndex)) return 1;
            // a script that registered an application and an address is a server: serve now
            if (_server.IsPending) return _server.Serve();
        }
        if (interactive) Repl();
        else if (scriptIndex >= args.Length && !execute && !version)
        {
            if (Console.IsInputRedirected) return RunChunk(() => LoadStdin(), []) ? 0 : 1;
            Console.Error.WriteLine(Version);
            Repl();
        }
        return 0;
    }

    /// <summary>
    /// Takes kraken's own options off the front of the arguments, in any order: --config FILE,
    /// --max-connections N, --workers N (N processes serving the same port) and --runaway-limit
    /// SECONDS (see docs/server.md). lua.c's options follow them.
    /// </summary>
    private bool KrakenOptions(ref string[] args, out int maxConnections, out int workers, out double runawayLimit)
    {
        maxConnections = int.MaxValue;
        workers = 1;
        runawayLimit = Watchdog.DefaultLimit;
        while (args.Length >= 1 && args[0] is "--config" or "--max-connections" or "--workers" or "--runaway-limit")
        {
            if (args[0] == "--config")
            {
                if (args.Length < 2)
                {
                    Console.Error.WriteLine($"{programName}: --config needs a file name");
                    return false;
                }
                _configFile = args[1];
                _configRequired = true;
            }
            else if (args[0] == "--runaway-limit")
            {
                if (args.Length < 2 || !double.TryParse(args[1], System.Globalization.NumberStyles.Float,
                        System.Globalization.CultureInfo.InvariantCulture, out runawayLimit) || !(runawayLimit >= 0))
                {
                    Console.Error.WriteLine($"{programName}: --runaway-limit needs a number of seconds (0: no limit)");
                    return false;
                }
            }
            else if (args.Length < 2 || !int.TryParse(args[1], out int n) || n < 1)
            {
                Console.Error.WriteLine($"{programName}: {args[0]} needs a positive number");
                return false;
            }
            else if (args[0] == "--workers") workers = n;
            else maxConnections = n;
            args = args[2..];
        }
        return true;
    }

    /// <summary>Scans options like lua.c's collectargs; returns the index of the script (or args.Length).</summary>
    private static int CollectArgs(string[] args, out bool interactive, out bool version, out bool execute, out bool bad)
    {
        interactive = version = execute = bad = false;
        int i;
        for (i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (!a.StartsWith('-')) return i;
            switch (a)
            {
                case "--": return i + 1 < args.Length ? i + 1 : args.Length;
                case "-": return i;
                case "-i": interactive = version = true; break;
                case "-v": version = true; break;
                case "-e":
                    execute = true;
                    if (++i >= args.Length) { bad = true; return i; }
                    break;
                case "-l":
                    if (++i >= args.Length) { bad = true; return i; }
                    break;
                default:
                    if (a.StartsWith("-e") || a.StartsWith("-l"))
                    {
                        if (a.StartsWith("-e")) execute = true;
                        break;
                    }
                    bad = true;
                    return i;
            }
        }
        return i;
    }

    private void PrintUsage()
    {
        Console.Error.WriteLine($"usage: {programName} [options] [script [args]].");
        Console.Error.WriteLine("Available options are:");
        Console.Error.WriteLine("  -e stat  execute string 'stat'");
        Console.Error.WriteLine("  -l name  require library 'name'");
        Console.Error.WriteLine("  -i       enter interactive mode after executing 'script'");
        Console.Error.WriteLine("  -v       show version information");
        Console.Error.WriteLine("  --       stop handling options");
        Console.Error.WriteLine("  -        execute stdin and stop handling options");
        Console.Error.WriteLine("  --list f print the bytecode listing of file f");
        Console.Error.WriteLine("Before them, kraken's own options, in any order:");
        Console.Error.WriteLine("  --config FILE        run FILE before the script (instead of /etc/kraken.lua)");
        Console.Error.WriteLine("  --max-connections N  serve at most N connections at once");
        Console.Error.WriteLine("  --workers N          serve with N processes sharing the port");
        Console.Error.WriteLine("  --runaway-limit S    stop a coroutine that runs S seconds without yielding (0: never)");
    }

    private string? _configFile;
    private bool _configRequired;

    /// <summary>
    /// Runs the configuration file before anything else (it typically sets package.path and
    /// package.cpath): /etc/kraken.lua when it exists, or the file named by KRAKEN_CONFIG or
    /// --config, which must exist.
    /// </summary>
    private bool RunConfig()
    {
        string file = _configFile ?? "/etc/kraken.lua";
        if (!File.Exists(file))
        {
            if (!_configRequired) return true;
            Console.Error.WriteLine($"{programName}: cannot open configuration file {file}");
            return false;
        }
        return RunChunk(() => LoadFile(file), []);
    }

    private bool HandleLuaInit()
    {
        string? init = Environment.GetEnvironmentVariable("LUA_INIT");
        if (init is null) return true;
        if (init.StartsWith('@')) return RunChunk(() => LoadFile(init[1..]), []);
        return RunChunk(() => LoadText(init, LuaInitName), []);
    }

    private const string LuaInitName = "=LUA_INIT", CommandLineName = "=(command line)";

    /// <summary>_state.LoadFile, or the AOT front end's compiled chunk of the same file (CompiledChunks.cs).</summary>
    private LuaFunction LoadFile(string path) => CompiledChunks.LoadFile(_state, path) ?? _state.LoadFile(path);

    /// <summary>Loads source text given on the command line or in LUA_INIT, or the front end's compiled chunk of it.</summary>
    private LuaFunction LoadText(string text, string name)
    {
        var source = Encoding.UTF8.GetBytes(text);
        return CompiledChunks.Load(_state, source, name) ?? _state.Load(source, name);
    }

    private void CreateArgTable(string[] args, int scriptIndex)
    {
        var arg = new LuaTable();
        for (int i = 0; i < args.Length; i++) arg.SetInt(i - scriptIndex, LuaString.FromUtf8(args[i]));
        arg.SetInt(-scriptIndex - 1, programName);
        _state.Globals.Set("arg", arg);
    }

    private bool RunOptions(string[] args, int scriptIndex)
    {
        for (int i = 0; i < scriptIndex && i < args.Length; i++)
        {
            string a = args[i];
            if (a.StartsWith("-e"))
            {
                string chunk = a.Length > 2 ? a[2..] : args[++i];
                if (!RunChunk(() => LoadText(chunk, CommandLineName), [])) return false;
            }
            else if (a.StartsWith("-l"))
            {
                string name = a.Length > 2 ? a[2..] : args[++i];
                if (!RunChunk(() => (LuaFunction)_state.Globals.Get("require").Obj!, [LuaString.FromUtf8(name)])) return false;
            }
        }
        return true;
    }

    private bool RunScript(string[] args, int scriptIndex)
    {
        CreateArgTable(args, scriptIndex);
        string script = args[scriptIndex];
        var scriptArgs = new LuaValue[args.Length - scriptIndex - 1];
        for (int i = 0; i < scriptArgs.Length; i++) scriptArgs[i] = LuaString.FromUtf8(args[scriptIndex + 1 + i]);
        if (script == "-" && (scriptIndex == 0 || args[scriptIndex - 1] != "--")) return RunChunk(LoadStdin, scriptArgs);
        return RunChunk(() => LoadFile(script), scriptArgs);
    }

    private LuaFunction LoadStdin()
    {
        var ms = new MemoryStream();
        _state.StdIn.CopyTo(ms);
        return _state.Load(LuaCompiler.SkipShebangLine(ms.ToArray()), "=stdin");
    }


    /// <summary>Loads and calls a chunk, reporting any error like lua.c's docall + report.</summary>
    private bool RunChunk(Func<LuaFunction> load, LuaValue[] args)
    {
        try
        {
            var f = load();
            _state.Call(f, args);
            return true;
        }
        catch (LuaException e)
        {
            Report(e);
            return false;
        }
    }

    private void Report(LuaException e)
    {
        Flush();
        if (e.Value.IsNil) return; // lua.c reports nothing for a nil error value
        string message = e.Value.Type switch
        {
            LuaType.String or LuaType.Number => e.Value.AsString?.ToLatin1String() ?? e.Value.ToString(),
            LuaType.Nil => "(error object is not a string)",
            _ => "(error object is not a string)",
        };
        var text = new StringBuilder($"{programName}: {message}\n");
        // lua.c's traceback handler leaves a value that is not a string (or number) as it is
        bool isText = e.Value.Type is LuaType.String or LuaType.Number;
        if (isText && e.LuaTraceback is not null && HasDebugTraceback()) text.Append(e.LuaTraceback).Append('\n');
        var bytes = Encoding.Latin1.GetBytes(text.ToString());
        _state.StdErr.Write(bytes);
        _state.StdErr.Flush();
    }

    /// <summary>
    /// lua.c's handler adds a traceback through the thread's global debug.traceback, and leaves
    /// the message alone when a program removed it (or replaced the globals with setfenv(0, t)).
    /// </summary>
    private bool HasDebugTraceback() =>
        _state.MainThread.Globals.Get("debug").Obj is LuaTable debug && debug.Get("traceback").Obj is LuaFunction;

    private void Repl()
    {
        while (true)
        {
            WritePrompt(firstLine: true);
            string? line = input.ReadLine();
            if (line is null) break;
            if (line.StartsWith('=')) line = "return " + line[1..];
            string chunk = line;
            while (true)
            {
                try
                {
                    var f = _state.Load(Encoding.UTF8.GetBytes(chunk), "=stdin");
                    var results = _state.Call(f);
                    if (results.Length > 0)
                    {
                        var print = _state.Globals.Get("print");
                        _state.Call(print, results);
                    }
                }
                catch (LuaException e) when (e.Message.EndsWith("'<eof>'") && e.LuaTraceback is null)
                {
                    WritePrompt(firstLine: false);
                    string? more = input.ReadLine();
                    if (more is null) break;
                    chunk += "\n" + more;
                    continue;
                }
                catch (LuaException e)
                {
                    Report(e);
                }
                break;
            }
        }
        _state.StdOut.WriteByte((byte)'\n');
        Flush();
    }

    /// <summary>lua.c writes its prompts to stdout: _PROMPT and _PROMPT2 when set, else "> " and ">> ".</summary>
    private void WritePrompt(bool firstLine)
    {
        var custom = _state.Globals.Get(firstLine ? "_PROMPT" : "_PROMPT2");
        string prompt = custom.IsNil ? (firstLine ? "> " : ">> ") : _state.ToStringMeta(custom).ToLatin1String();
        _state.StdOut.Write(Encoding.Latin1.GetBytes(prompt));
        Flush();
    }

    private static int List(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("kraken: --list needs a file name");
            return 1;
        }
        try
        {
            var proto = LuaCompiler.Compile(File.ReadAllBytes(args[1]), "@" + args[1]);
            Listing.Write(proto, Console.Out);
            return 0;
        }
        catch (LuaException e)
        {
            Console.Error.WriteLine($"kraken: {e.Message}");
            return 1;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"kraken: cannot open {args[1]}: {e.Message}");
            return 1;
        }
    }
}
