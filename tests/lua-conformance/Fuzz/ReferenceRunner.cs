using System.Diagnostics;
using System.Text;
using LuaVm;
using LuaVm.Runtime;

namespace LuaConformance.Tests.Fuzz;

/// <summary>
/// Runs generated programs under the reference lua5.1 (in batches, one process per batch, each
/// program in its own environment) and in-process under kraken, for the differential fuzzers.
/// </summary>
internal static partial class ReferenceRunner
{
    /// <summary>"table: 0x55..." differs between any two runs: compare without the address.</summary>
    public static string WithoutAddresses(string output) =>
        HarnessPosition().Replace(System.Text.RegularExpressions.Regex.Replace(output, "0x[0-9a-f]+", "0x?"), "harness:");

    /// <summary>
    /// An error positioned in the harness (error(msg, 3)): lua5.1 names its batch file, kraken
    /// its "=harness" chunk.
    /// </summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"(\.\.\.)?[^\s]*fuzz-batch-[0-9a-f]+\.lua:\d+:|harness:\d+:")]
    private static partial System.Text.RegularExpressions.Regex HarnessPosition();

    public static bool LuaInstalled()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("lua5.1", "-v") { RedirectStandardError = true, RedirectStandardOutput = true })!;
            // generous: on a loaded machine even `lua5.1 -v` can take seconds to start
            return p.WaitForExit(60000) && p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public const string Marker = "=====KRAKEN-FUZZ-PROGRAM-END=====";

    public static List<string?> RunLua51(List<string> programs)
    {
        // each program in its own function environment, one process for the batch
        var script = new StringBuilder();
        foreach (var program in programs) script.Append(Harness(program)).Append("print(").Append(LuaQuote(Marker)).Append(")\n");
        string path = Path.Combine(Path.GetTempPath(), $"kraken-fuzz-batch-{Guid.NewGuid():N}.lua");
        File.WriteAllText(path, script.ToString(), Encoding.Latin1);
        var psi = new ProcessStartInfo("lua5.1", path) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.Latin1 };
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit(60000);
        File.Delete(path);
        // lua5.1 itself can crash on hostile input (unpack(t, -2^31) is a segmentation fault):
        // the program that crashed it and the rest of the batch have no marker, and no reference
        var parts = output.Split(Marker + "\n");
        var results = new List<string?>();
        for (int i = 0; i < programs.Count; i++) results.Add(i < parts.Length - 1 ? parts[i] : null);
        return results;
    }

    public static string RunKraken(string program, int jitThreshold)
    {
        var state = new LuaState { JitThreshold = jitThreshold };
        var stdout = new MemoryStream();
        state.StdOut = stdout;
        LuaVm.Library.IoLibrary.Open(state);
        try
        {
            // the same harness as under lua5.1, so that levels (getfenv(3), error(msg, 3)) match
            state.Call(state.Load(Encoding.Latin1.GetBytes(Harness(program)), "=harness"));
        }
        catch (LuaException e)
        {
            return "uncaught error: " + e.Message + "\n";
        }
        state.StdOut.Flush();
        return Encoding.Latin1.GetString(stdout.ToArray());
    }

    /// <summary>Loads and runs one program in its own environment (a compile error is printed).</summary>
    private static string Harness(string program) =>
        "do local f, err = loadstring(" + LuaQuote(program) + ", '=fuzz')\n" +
        "if f then setfenv(f, setmetatable({}, {__index = _G})) f() else print('compile error: ' .. err) end end\n";

    public static string LuaQuote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (char ch in s)
        {
            if (ch is '"' or '\\') sb.Append('\\').Append(ch);
            else if (ch == '\n') sb.Append("\\n");
            else if (ch < 32 || ch > 126) sb.Append('\\').Append(((int)ch).ToString());
            else sb.Append(ch);
        }
        return sb.Append('"').ToString();
    }
}
