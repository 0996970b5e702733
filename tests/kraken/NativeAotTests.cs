using System.Diagnostics;
using Xunit;

namespace Kraken.Tests;

/// <summary>
/// LuaVm in a Native AOT program: a small embedder, published with PublishAot by the test itself,
/// runs a script whose functions get hot enough for the compiling tier, which steps aside there
/// (no dynamic code): the interpreter runs alone and the results are the same.
/// </summary>
[Collection("Builds run by tests")]
public sealed class NativeAotTests
{
    private const string Program = """
        using LuaVm;
        using LuaVm.Runtime;

        var lua = new LuaState();
        lua.Register("twice", call => call.Return(2 * call.CheckNumber(1)));
        var r = lua.DoString(@"
            local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
            local t = {}
            for i = 1, 3000 do t[#t + 1] = twice(i) end
            return fib(20), #t, t[3000], string.format('%5.2f', math.pi), select(2, pcall(error, 'x', 0))");
        Console.WriteLine(string.Join(" ", r.Select(v => lua.ToStringMeta(v).ToString())));
        Console.WriteLine(System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported);
        lua.Close();
        """;

    [Fact]
    public async Task AnAotPublishedEmbedderRunsScriptsWithTheInterpreterAlone()
    {
        using var project = new ConsumerProject("AotEmbedder", "net10.0",
            "<PublishAot>true</PublishAot><InvariantGlobalization>true</InvariantGlobalization>", Program, "LuaVm");
        // warnings are errors: a trimming or AOT warning from LuaVm fails the publish
        project.Run("publish", "-r", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier);
        var psi = new ProcessStartInfo(Path.Combine(project.Output, "AotEmbedder")) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(120000), "the AOT program did not finish");
        Assert.Equal("", await stderr);
        Assert.Equal(0, p.ExitCode);
        Assert.Equal("6765 3000 6000  3.14 x\nFalse\n", await stdout);
    }
}
