using System.Diagnostics;
using Xunit;

namespace Kraken.Tests;

/// <summary>
/// term.core's isatty in the real kraken process: false for redirected standard streams, true on
/// a terminal (a pseudo-terminal made by util-linux's script(1), where it is installed).
/// </summary>
public sealed class TerminalTests
{
    private const string Probe = "local t = require 'term.core' print(t.isatty(io.stdout), t.isatty(io.stderr), t.isatty(io.stdin))";

    [Fact]
    public void RedirectedStreamsAreNoTerminal()
    {
        var r = KrakenProcess.Run(["-e", Probe], stdin: "");
        Assert.Equal("false\tfalse\tfalse\n", r.StdOut);
    }

    private const string Script = "/usr/bin/script";

    /// <summary>A test that needs script(1) to make a pseudo-terminal.</summary>
    private sealed class ScriptFactAttribute : FactAttribute
    {
        public ScriptFactAttribute()
        {
            if (!File.Exists(Script)) Skip = "script(1) (util-linux) is not installed: no pseudo-terminal to run kraken on";
        }
    }

    [ScriptFact]
    public void AStreamOnATerminalIsATerminal()
    {
        string kraken = Path.Combine(AppContext.BaseDirectory, "kraken.dll");
        // stdout and stdin on script's pseudo-terminal, stderr redirected to /dev/null
        var psi = new ProcessStartInfo(Script) { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in new[] { "-qec", $"dotnet '{kraken}' -e \"{Probe}\" 2>/dev/null", "/dev/null" }) psi.ArgumentList.Add(a);
        psi.Environment.Remove("LUA_INIT");
        psi.Environment.Remove("KRAKEN_CONFIG");
        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        string output = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(60_000), "kraken under script did not finish");
        Assert.Contains("true\tfalse\ttrue", output);
    }
}
