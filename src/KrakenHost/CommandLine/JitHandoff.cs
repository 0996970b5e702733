using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using LuaVm.Bytecode;
using LuaVm.Compiler;
using LuaVm.Runtime;

namespace KrakenHost.CommandLine;

/// <summary>
/// The front end of kraken's two-build install (bench/publish-kraken.sh, docs/cli.md, "Two
/// builds"). A Native AOT kraken starts in a few milliseconds but has no compiling tier (it cannot
/// create code at run time), so its interpreter runs hot code at about half the speed of the JIT
/// build, which in turn takes tens of milliseconds to start. Before running anything, the AOT
/// build compiles every chunk the command line will run and looks at its bytecode: a program
/// that is straight-line code (no loop, no function, no require, dofile or load) is short by
/// construction and runs here; any other replaces this process (execve) with the JIT build found
/// beside it, in jit/kraken, with the same arguments, and with the chunks it compiled
/// (<see cref="CompiledChunks"/>), which the JIT build then need not compile. Nothing has run yet
/// when the decision is taken, so nothing is done twice; what cannot be inspected without
/// consuming it (a script read from standard input, the interactive prompt) stays here.
/// </summary>
internal static class JitHandoff
{
    /// <summary>Where the JIT build sits, relative to the AOT executable's folder.</summary>
    private const string JitHostPath = "jit/kraken";

    /// <summary>
    /// Hands the process over to the JIT build when this is the AOT build, the JIT build is
    /// installed beside it, KRAKEN_HANDOFF is not "0", and the program is not straight-line code.
    /// The chunks compiled to decide go with it (<see cref="CompiledChunks"/>). Returns only when
    /// the process stays (execve failing included: the interpreter then runs it).
    /// </summary>
    /// <param name="chunkFiles">The files the run loads, in order (named "@path").</param>
    /// <param name="chunkTexts">The source texts the run loads, in order, each with its chunk name.</param>
    public static void HandOffIfLong(string[] args, IReadOnlyList<string> chunkFiles, IReadOnlyList<(string Text, string Name)> chunkTexts, bool readsStdin, bool loadsModules)
    {
        if (RuntimeFeature.IsDynamicCodeSupported || readsStdin) return;
        if (Environment.GetEnvironmentVariable("KRAKEN_HANDOFF") == "0") return;
        string jit = Path.Combine(AppContext.BaseDirectory, JitHostPath);
        if (!File.Exists(jit)) return;
        var compiled = new List<CompiledChunks.Entry>();
        if (!CompileAll(chunkFiles, chunkTexts, compiled, out bool isLong) || (!loadsModules && !isLong)) return;
        Exec(jit, args, CompiledChunks.Share(compiled));
    }

    /// <summary>
    /// Compiles every chunk, adding each to <paramref name="compiled"/>; <paramref name="isLong"/>
    /// when any has a loop, defines a function, or loads more code. False when a chunk does not
    /// compile or read: the run reports it, here.
    /// </summary>
    private static bool CompileAll(IReadOnlyList<string> files, IReadOnlyList<(string Text, string Name)> texts, List<CompiledChunks.Entry> compiled, out bool isLong)
    {
        isLong = false;
        try
        {
            foreach (var file in files)
            {
                if (!File.Exists(file)) continue; // the run reports it
                isLong |= Compile(LuaCompiler.SkipShebangLine(File.ReadAllBytes(file)), "@" + file, compiled);
            }
            foreach (var (text, name) in texts)
                isLong |= Compile(Encoding.UTF8.GetBytes(text), name, compiled);
            return true;
        }
        catch (Exception e) when (e is LuaException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool Compile(byte[] source, string name, List<CompiledChunks.Entry> compiled)
    {
        var proto = LuaCompiler.Compile(source, name);
        if (CompiledChunks.CanPass(name)) compiled.Add(new CompiledChunks.Entry(name, source, BinaryChunk.Dump(proto)));
        return IsLong(proto);
    }

    private static readonly HashSet<string> Loaders = new(StringComparer.Ordinal) { "require", "dofile", "loadfile", "loadstring", "load" };

    private static bool IsLong(Proto p)
    {
        if (p.Protos.Length > 0) return true; // a function: it may be called any number of times
        foreach (uint i in p.Code)
        {
            var op = Instruction.Op(i);
            if (op is OpCode.ForPrep or OpCode.TForLoop) return true;
            if (op == OpCode.Jmp && Instruction.SBx(i) < 0) return true; // while and repeat loops
            if (op == OpCode.GetGlobal && p.Constants[Instruction.Bx(i)].AsString is { } name && Loaders.Contains(name.ToLatin1String())) return true;
        }
        return false;
    }

    /// <summary>
    /// Set for the JIT build to the path of the AOT front end that handed it the program: the JIT
    /// build then names itself as the user ran it (arg[-1], "kraken: ..." messages).
    /// </summary>
    public const string FrontVariable = "KRAKEN_FRONT";

    /// <summary>execve of the JIT build with the same arguments, the front end's path and the compiled chunks' descriptor (-1: none).</summary>
    private static unsafe void Exec(string path, string[] args, int chunksFd)
    {
        var argv = new IntPtr[args.Length + 2];
        var environment = Environment.GetEnvironmentVariables();
        var envp = new IntPtr[environment.Count + 3];
        try
        {
            argv[0] = Marshal.StringToCoTaskMemUTF8(path);
            for (int i = 0; i < args.Length; i++) argv[i + 1] = Marshal.StringToCoTaskMemUTF8(args[i]);
            int n = 0;
            foreach (System.Collections.DictionaryEntry e in environment)
                if ((string)e.Key is not (FrontVariable or CompiledChunks.Variable)) envp[n++] = Marshal.StringToCoTaskMemUTF8($"{e.Key}={e.Value}");
            envp[n++] = Marshal.StringToCoTaskMemUTF8($"{FrontVariable}={Environment.ProcessPath}");
            if (chunksFd >= 0) envp[n] = Marshal.StringToCoTaskMemUTF8($"{CompiledChunks.Variable}={chunksFd}");
            fixed (IntPtr* a = argv)
            fixed (IntPtr* e = envp)
                Server.LinuxInterop.execve((byte*)argv[0], (byte**)a, (byte**)e);
            // execve returns only on failure (the file is not executable, ...): run here instead
            if (chunksFd >= 0) Server.LinuxInterop.close(chunksFd);
        }
        finally
        {
            foreach (var s in argv) if (s != IntPtr.Zero) Marshal.FreeCoTaskMem(s);
            foreach (var s in envp) if (s != IntPtr.Zero) Marshal.FreeCoTaskMem(s);
        }
    }
}
