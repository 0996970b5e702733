using System.Runtime.InteropServices;
using Xunit;

namespace Kraken.Tests;

/// <summary>Tests that build, publish or pack the projects share their obj folders (restore rewrites them): one at a time.</summary>
[CollectionDefinition("Builds run by tests", DisableParallelization = true)]
public sealed class BuildsRunByTestsCollection;

/// <summary>
/// The AOT front end of kraken's two-build install (CommandLine/JitHandoff.cs), published by the
/// test itself, with the tests' own JIT kraken as its jit/kraken: straight-line programs run in
/// the AOT build, every other is handed to the JIT build before anything runs, once.
/// </summary>
[Collection("Builds run by tests")]
public sealed class TwoBuildsTests(TwoBuildsTests.AotKraken aot) : IClassFixture<TwoBuildsTests.AotKraken>
{
    /// <summary>kraken published with PublishAot into a temporary folder, jit/kraken linking to the tests' JIT build.</summary>
    public sealed class AotKraken : IDisposable
    {
        public string Folder { get; } = Path.Combine(Path.GetTempPath(), "kraken-tests", "twobuilds-" + Guid.NewGuid().ToString("N"));
        public string Front => Path.Combine(Folder, "kraken");
        public string? PublishError { get; }

        public AotKraken()
        {
            string project = Path.Combine(EmbeddingExampleTests.RepositoryRoot(), "src", "KrakenHost", "KrakenHost.csproj");
            var r = DotnetProcess.Run(["publish", project, "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier,
                "-p:PublishAot=true", "-p:PackAsTool=false", "-o", Folder, "--nologo"], timeoutMs: 900000);
            if (r.ExitCode != 0) PublishError = r.StdOut + r.StdErr;
            Directory.CreateDirectory(Path.Combine(Folder, "jit"));
            File.CreateSymbolicLink(Path.Combine(Folder, "jit", "kraken"), Path.Combine(AppContext.BaseDirectory, "kraken"));
        }

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }

    private (int ExitCode, string StdOut, string StdErr) Run(string[] args, string? stdin = null, Dictionary<string, string>? env = null)
    {
        Assert.True(aot.PublishError is null, aot.PublishError);
        var r = KrakenProcess.Run(args, stdin, aot.Folder, timeoutMs: 120000, environment: env, executable: aot.Front);
        return (r.ExitCode, r.StdOut, r.StdErr);
    }

    [Fact]
    public void StraightLineProgramsRunInTheAotBuild()
    {
        Assert.Equal((0, "aot\t3\n", ""), Run(["-e", "print(kraken.build, 1 + 2)"]));
        // the interactive prompt and a script read from stdin cannot be looked at first: they stay
        Assert.Equal((0, "aot\n", ""), Run(["-"], stdin: "for i = 1, 2 do end print(kraken.build)"));
    }

    [Fact]
    public void LoopsFunctionsAndLoadersGoToTheJitBuildWithTheSameArguments()
    {
        string script = Path.Combine(aot.Folder, "loop.lua");
        File.WriteAllText(script, "local n = 0 for i = 1, 10 do n = n + i end print(kraken.build, n, arg[0] == 'loop.lua', ...)");
        Assert.Equal((0, "jit\t55\ttrue\ta\tb c\n", ""), Run(["loop.lua", "a", "b c"]));
        Assert.Equal((0, "jit\n", ""), Run(["-e", "local function f() end print(kraken.build)"]));
        Assert.Equal((0, "jit\n", ""), Run(["-e", "local x = 1 while x < 3 do x = x + 1 end print(kraken.build)"]));
        Assert.Equal((0, "jit\tfalse\n", ""), Run(["-e", "print(kraken.build, require == nil)"]));
        // LUA_INIT counts as part of the program
        Assert.Equal((0, "jit\n", ""), Run(["-e", "print(kraken.build)"], env: new() { ["LUA_INIT"] = "for i = 1, 2 do end" }));
        // KRAKEN_HANDOFF=0 keeps everything in the AOT build
        Assert.Equal((0, "aot\t55\ttrue\tx\n", ""), Run(["loop.lua", "x"], env: new() { ["KRAKEN_HANDOFF"] = "0" }));
    }

    [Fact]
    public void TheJitBuildNamesItselfAsTheFrontEnd()
    {
        // lua.c's messages start with the program's name: the front's path, in both builds
        var straight = Run(["-e", "error('boom', 0)"]);
        var handed = Run(["-e", "local function f() error('boom', 0) end f()"]);
        Assert.Equal(1, straight.ExitCode);
        Assert.Equal(1, handed.ExitCode);
        Assert.StartsWith(aot.Front + ": boom\n", straight.StdErr);
        Assert.StartsWith(aot.Front + ": boom\n", handed.StdErr);
        File.WriteAllText(Path.Combine(aot.Folder, "straight.lua"), "print(kraken.build, arg[-1])");
        File.WriteAllText(Path.Combine(aot.Folder, "looping.lua"), "for i = 1, 1 do end print(kraken.build, arg[-1])");
        Assert.Equal((0, $"aot\t{aot.Front}\n", ""), Run(["straight.lua"]));
        Assert.Equal((0, $"jit\t{aot.Front}\n", ""), Run(["looping.lua"]));
    }

    /// <summary>Lua code that says whether this process has loaded the ANTLR runtime (the compiler's parser).</summary>
    private const string ParserLoaded = "io.open('/proc/self/maps'):read('*a'):find('Antlr4', 1, true) ~= nil";

    [Fact]
    public void TheJitBuildRunsTheChunksTheFrontEndCompiledWithTheirDebugInformation()
    {
        // expected output from lua5.1 for the same script, with print("jit", false) on line 10
        File.WriteAllText(Path.Combine(aot.Folder, "debuginfo.lua"),
            "#!/usr/bin/env lua\nlocal up = nil\nlocal function f(a, b)\n  local c = a + b\n  print(debug.getlocal(1, 3))\n  return up()\nend\n" +
            "print(pcall(f, 1, 2))\nprint(debug.getinfo(f).linedefined, debug.getinfo(f).short_src)\n" +
            $"print(kraken.build, {ParserLoaded})\nerror(\"done\")\n");
        var r = Run(["debuginfo.lua"]);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("c\t3\nfalse\tdebuginfo.lua:6: attempt to call upvalue 'up' (a nil value)\n3\tdebuginfo.lua\njit\tfalse\n", r.StdOut);
        Assert.Equal($"{aot.Front}: debuginfo.lua:11: done\nstack traceback:\n\t[C]: in function 'error'\n\tdebuginfo.lua:11: in main chunk\n\t[C]: ?\n", r.StdErr);
    }

    [Fact]
    public void CommandLineChunksAndLuaInitArePassedOnToo()
    {
        var env = new Dictionary<string, string> { ["LUA_INIT"] = "for i = 1, 2 do x = (x or 0) + i end" };
        Assert.Equal((0, "jit\t3\tfalse\n", ""), Run(["-e", "local function f() return x end", "-e", $"print(kraken.build, x, {ParserLoaded})"], env: env));
        // a chunk loaded at run time is compiled there, as always
        Assert.Equal((0, "jit\t4\ttrue\n", ""), Run(["-e", $"for i = 1, 1 do end print(kraken.build, loadstring('return 4')(), {ParserLoaded})"]));
    }
}
