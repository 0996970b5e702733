using System.Runtime.CompilerServices;
using System.Text;
using LuaVm;
using LuaVm.Compiler;
using LuaVm.Runtime;

namespace LuaConformance.Tests.Golden;

/// <summary>What running a case produced: stdout bytes, stderr text and the exit code, as lua.c would give them.</summary>
public sealed record CaseOutcome(byte[] StdOut, string StdErr, int ExitCode);

/// <summary>
/// Runs one golden case in-process the way `lua5.1 NAME.lua` runs it from the cases folder:
/// chunk name "@NAME.lua", global arg, errors reported as "lua5.1: message" with exit code 1.
/// </summary>
public static class GoldenCase
{
    /// <summary>The folder of the cases, found from this source file's location.</summary>
    public static string CasesDirectory() => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "cases"));

    private static string ThisFile([CallerFilePath] string path = "") => path;

    /// <summary>Names of all cases (without .lua).</summary>
    public static IEnumerable<string> Names() =>
        Directory.GetFiles(CasesDirectory(), "*.lua").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    /// <summary>Runs a case in-process; <paramref name="jitThreshold"/> is the state's <see cref="LuaState.JitThreshold"/>.</summary>
    public static CaseOutcome Run(string name, TimeSpan timeout, int jitThreshold = LuaState.DefaultJitThreshold)
    {
        CaseOutcome? outcome = null;
        var thread = new Thread(() => outcome = RunNow(name, jitThreshold), 256 * 1024 * 1024);
        thread.Start();
        if (!thread.Join(timeout)) throw new TimeoutException($"case {name} did not finish in {timeout.TotalSeconds} s");
        return outcome!;
    }

    private static CaseOutcome RunNow(string name, int jitThreshold)
    {
        var state = new LuaState { JitThreshold = jitThreshold };
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();
        state.StdOut = stdout;
        state.StdErr = stderr;
        state.StdIn = new MemoryStream();
        // io.stdout etc. were created with the console streams: recreate the library with ours.
        LuaVm.Library.IoLibrary.Open(state);
        LuaModules.BuiltinModules.AddTo(state); // as kraken does: lfs_*, cjson_*, lpeg_* cases require them
        var arg = new LuaTable();
        arg.SetInt(-1, "lua5.1");
        arg.SetInt(0, name + ".lua");
        state.Globals.Set("arg", arg);
        int exitCode = 0;
        string errorText = "";
        try
        {
            var bytes = File.ReadAllBytes(Path.Combine(CasesDirectory(), name + ".lua"));
            var chunk = state.Load(LuaCompiler.SkipShebangLine(bytes), "@" + name + ".lua");
            state.Call(chunk);
            state.Close(); // as lua.c's lua_close: pending __gc metamethods run
        }
        catch (LuaExitException exit)
        {
            exitCode = exit.ExitCode;
        }
        catch (LuaException e)
        {
            exitCode = 1;
            if (e.Value.IsNil) goto done; // lua.c prints nothing for a nil error value
            string message = e.Value.IsString || e.Value.IsNumber ? e.Value.ToString() : "(error object is not a string)";
            errorText = "lua5.1: " + message + "\n";
        }
    done:
        state.StdOut.Flush();
        return new CaseOutcome(stdout.ToArray(), Encoding.Latin1.GetString(stderr.ToArray()) + errorText, exitCode);
    }
}
