using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit;

namespace Kraken.Tests;

/// <summary>
/// Debian's busted 2.1.1 (lua-busted, with Penlight, luassert, say, lua-term and luasystem's Lua
/// parts) run by the real kraken over tests/kraken/busted-spec, a spec folder with passing tests,
/// one failing and one erroring on purpose, and pending ones. busted needs lfs, term.core and
/// system.core, which kraken provides built in. Where lua5.1 is installed too, its output for the
/// same run must be kraken's, timings and table addresses aside.
/// </summary>
public sealed partial class BustedTests
{
    private const string Busted = "/usr/bin/busted";
    private static readonly string SpecFolder = KrakenProcess.RepoFile(Path.Combine("tests", "kraken", "busted-spec"));

    /// <summary>A test that runs only where Debian's lua-busted is installed (.ci/run installs it).</summary>
    private sealed class BustedFactAttribute : FactAttribute
    {
        public BustedFactAttribute()
        {
            if (!File.Exists(Busted) || !File.Exists("/usr/share/lua/5.1/busted/runner.lua"))
                Skip = "Debian's lua-busted is not installed (apt-get install lua-busted): /usr/bin/busted is missing";
        }
    }

    private static KrakenProcess.Result RunKraken(params string[] bustedArgs) =>
        KrakenProcess.Run([Busted, .. bustedArgs], workingDirectory: SpecFolder, timeoutMs: 300_000);

    [BustedFact]
    public void ReportsTheSpecFolderLikeUnderLua51()
    {
        var r = RunKraken(".");
        Assert.Contains("19 successes / 1 failure / 1 error / 2 pending : ", r.StdOut);
        Assert.Contains("Failure -> ./cart_spec.lua @ 77\na cart totals wrongly on purpose (a failure busted must report)\n"
            + "./cart_spec.lua:79: Expected objects to be the same.", r.StdOut);
        Assert.Contains("Error -> ./cart_spec.lua @ 82\na cart calls a missing method on purpose (an error busted must report)\n"
            + "./cart_spec.lua:83: attempt to call method 'checkout' (a nil value)", r.StdOut);
        Assert.Contains("Pending -> ./cart_spec.lua @ 89\na cart waits for the warehouse\n./cart_spec.lua:89: no warehouse yet", r.StdOut);
        // busted ends a failed run with error() (no message) under Lua 5.1: exit code 1, nothing on stderr
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("", r.StdErr);
        SameAsLua51(r, ".");
    }

    [BustedFact]
    public void ExitsWithZeroWhenEveryTestPasses()
    {
        var r = RunKraken("--filter-out=on purpose", ".");
        Assert.Contains("19 successes / 0 failures / 0 errors / 2 pending : ", r.StdOut);
        Assert.Equal(0, r.ExitCode);
        SameAsLua51(r, "--filter-out=on purpose", ".");
    }

    [BustedFact]
    public void WritesTapOutputLikeUnderLua51()
    {
        // (busted's json output is not compared: dkjson writes the keys in pairs order, which
        // differs between lua5.1 and kraken, as Lua leaves it unspecified)
        var tap = RunKraken("-o", "TAP", ".");
        Assert.Contains("1..23\n", tap.StdOut);
        Assert.Contains("not ok 10 - a cart totals wrongly on purpose (a failure busted must report)\n", tap.StdOut);
        Assert.Contains("ok 22 - busted's blocks has a clock that moves forward #clock\n", tap.StdOut);
        SameAsLua51(tap, "-o", "TAP", ".");
    }

    /// <summary>Where lua5.1 is installed: the same busted run under it prints the same, timings and addresses aside.</summary>
    private static void SameAsLua51(KrakenProcess.Result kraken, params string[] bustedArgs)
    {
        var psi = new ProcessStartInfo("lua5.1")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = SpecFolder,
        };
        psi.ArgumentList.Add(Busted);
        foreach (var a in bustedArgs) psi.ArgumentList.Add(a);
        psi.Environment.Remove("LUA_INIT");
        Process p;
        try
        {
            p = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return; // lua5.1 is not installed: the counts asserted above are the check
        }
        using (p)
        {
            var stderr = p.StandardError.ReadToEndAsync();
            string stdout = p.StandardOutput.ReadToEnd();
            Assert.True(p.WaitForExit(300_000), "lua5.1 busted did not finish");
            Assert.Equal(Normalize(stdout), Normalize(kraken.StdOut));
            Assert.Equal(stderr.Result, kraken.StdErr);
            Assert.Equal(p.ExitCode, kraken.ExitCode);
        }
    }

    /// <summary>Durations ("0.016185 seconds") and table addresses differ from run to run.</summary>
    private static string Normalize(string output) =>
        Addresses().Replace(Durations().Replace(output, "<duration>"), "0x<address>");

    [GeneratedRegex(@"[0-9.e+-]+(?= seconds)")]
    private static partial Regex Durations();

    [GeneratedRegex(@"0x[0-9a-f]+")]
    private static partial Regex Addresses();
}
