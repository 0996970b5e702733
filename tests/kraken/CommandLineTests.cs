using System.Diagnostics;
using System.Text;
using Xunit;

namespace Kraken.Tests;

/// <summary>The lua.c-compatible command line of the real kraken executable.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void RunsAScriptWithArguments()
    {
        string script = KrakenProcess.Script("args.lua", "print(#arg, arg[0] ~= nil, arg[1], arg[2], ...)");
        var r = KrakenProcess.Run([script, "a", "b"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("2\ttrue\ta\tb\ta\tb\n", r.StdOut);
    }

    [Fact]
    public void ExecutesStatementsFromDashE()
    {
        var r = KrakenProcess.Run(["-e", "print(1 + 1)", "-e", "x = 5", "-e", "print(x)"]);
        Assert.Equal("2\n5\n", r.StdOut);
        Assert.Equal(0, r.ExitCode);
    }

    [Fact]
    public void GarbageCountFollowsTheProgramsMemory()
    {
        // collectgarbage("count") measures the process's .NET heap, so this runs in its own
        // process (in-process golden cases would see the other tests' allocations). The expected
        // output is lua5.1's for the same script.
        string script = KrakenProcess.Script("gccount.lua", """
            collectgarbage()
            local before = collectgarbage("count")
            local big = {}
            for i = 1, 200000 do big[i] = i end
            local during = collectgarbage("count")
            print(during > before)
            big = nil
            collectgarbage()
            local after = collectgarbage("count")
            print(after < during)
            local s = string.rep("x", 1000000)
            print(collectgarbage("count") > after)
            s = nil
            collectgarbage()
            print(collectgarbage("count") < during)
            """);
        Assert.Equal("true\ntrue\ntrue\ntrue\n", KrakenProcess.Run([script]).StdOut);
    }

    [Fact]
    public void ShowsVersion()
    {
        var r = KrakenProcess.Run(["-v"]);
        Assert.StartsWith("Lua 5.1", r.StdErr);
    }

    [Fact]
    public void RunsStdinWithDash()
    {
        var r = KrakenProcess.Run(["-"], stdin: "print('from stdin')");
        Assert.Equal("from stdin\n", r.StdOut);
    }

    [Fact]
    public void SyntaxErrorIsOneLuaStyleLineAndExitCodeOne()
    {
        string script = KrakenProcess.Script("bad.lua", "local x = 1\nx = = 2\n");
        var r = KrakenProcess.Run([script]);
        Assert.Equal(1, r.ExitCode);
        Assert.EndsWith("bad.lua:2: unexpected symbol near '='\n", r.StdErr);
        Assert.StartsWith("kraken: ", r.StdErr);
        Assert.DoesNotContain("   at ", r.StdErr); // never a .NET stack trace
    }

    [Fact]
    public void RuntimeErrorPrintsMessageAndLuaTraceback()
    {
        string script = KrakenProcess.Script("boom.lua", "local function f()\n  error('boom')\nend\nf()\n");
        var r = KrakenProcess.Run([script]);
        Assert.Equal(1, r.ExitCode);
        var lines = r.StdErr.Split('\n');
        Assert.EndsWith("boom.lua:2: boom", lines[0]);
        Assert.Equal("stack traceback:", lines[1]);
        Assert.Equal("\t[C]: in function 'error'", lines[2]);
        Assert.EndsWith("boom.lua:2: in function 'f'", lines[3]);
        Assert.EndsWith("boom.lua:4: in main chunk", lines[4]);
        Assert.Equal("\t[C]: ?", lines[5]);
    }

    [Fact]
    public void OsExitSetsTheExitCodeAndFlushesOutput()
    {
        var r = KrakenProcess.Run(["-e", "io.write('flushed'); os.exit(3)"]);
        Assert.Equal(3, r.ExitCode);
        Assert.Equal("flushed", r.StdOut);
    }

    [Fact]
    public void ListPrintsTheBytecode()
    {
        string script = KrakenProcess.Script("list.lua", "local a = 1\nprint(a + 2)\n");
        var r = KrakenProcess.Run(["--list", script]);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("main <", r.StdOut);
        Assert.Contains("GETGLOBAL", r.StdOut);
        Assert.Contains("ADD      \t2 0 -3\t; - 2", r.StdOut);
        Assert.Contains("RETURN", r.StdOut);
    }

    [Fact]
    public void MissingScriptIsAClearError()
    {
        // lua5.1: "lua5.1: cannot open /nonexistent/script.lua: No such file or directory"
        var r = KrakenProcess.Run(["/nonexistent/script.lua"]);
        Assert.Equal(1, r.ExitCode);
        Assert.EndsWith(": cannot open /nonexistent/script.lua: No such file or directory", r.StdErr.TrimEnd('\n'));
        // a directory opens but cannot be read: "lua5.1: cannot read /: Is a directory"
        r = KrakenProcess.Run(["/"]);
        Assert.Equal(1, r.ExitCode);
        Assert.EndsWith(": cannot read /: Is a directory", r.StdErr.TrimEnd('\n'));
        // LUA_INIT=@file names the file and the reason the same way
        r = KrakenProcess.Run(["-e", "print(1)"], environment: new Dictionary<string, string> { ["LUA_INIT"] = "@/nonexistent/init.lua" });
        Assert.Equal(1, r.ExitCode);
        Assert.EndsWith(": cannot open /nonexistent/init.lua: No such file or directory", r.StdErr.TrimEnd('\n'));
    }

    [Fact]
    public void AnUncaughtErrorThatIsNotAStringHasNoTraceback()
    {
        // lua5.1 -e 'error({})' prints one line: lua.c's traceback handler leaves such a value alone
        var r = KrakenProcess.Run(["-e", "error({})"]);
        Assert.Equal(1, r.ExitCode);
        Assert.EndsWith(": (error object is not a string)", r.StdErr.TrimEnd('\n'));
        Assert.Single(r.StdErr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void RequiresALibraryWithDashL()
    {
        string module = KrakenProcess.Script("mymod.lua", "mymod = {v = 7}\nreturn mymod\n");
        var r = KrakenProcess.Run(["-l", "mymod", "-e", "print(mymod.v)"], workingDirectory: Path.GetDirectoryName(module));
        Assert.Equal("7\n", r.StdOut);
    }

    [Fact]
    public void RunsLuaInitFirst()
    {
        var r = KrakenProcess.Run(["-e", "print(from_init)"], environment: new Dictionary<string, string> { ["LUA_INIT"] = "from_init = 'yes'" });
        Assert.Equal("yes\n", r.StdOut);
        string init = KrakenProcess.Script("init.lua", "from_file = 'file'\n");
        r = KrakenProcess.Run(["-e", "print(from_file)"], environment: new Dictionary<string, string> { ["LUA_INIT"] = "@" + init });
        Assert.Equal("file\n", r.StdOut);
    }

    [Fact]
    public void InteractiveModeEvaluatesLinesAndContinuesIncompleteOnes()
    {
        var r = KrakenProcess.Run(["-i"], stdin: "x = 20\n=x + 1\nfor i = 1, 2 do\nprint(i)\nend\n");
        // the prompts go to stdout, as lua.c writes them
        Assert.Equal("> > 21\n> >> >> 1\n2\n> \n", r.StdOut);
    }

    [Fact]
    public void HelloExampleRuns()
    {
        string example = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "examples", "hello.lua"));
        var r = KrakenProcess.Run([example]);
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("Hello from Lua 5.1!", r.StdOut);
    }

    /// <summary>
    /// Starts kraken on a script that does not end by itself, reads its standard output (a pipe)
    /// until it holds <paramref name="expected"/> or 20 s have passed, then kills it. Returns
    /// what was read and whether the process had ended before (output flushed at exit).
    /// </summary>
    private static (string Output, bool EndedFirst) ReadWhileRunning(string script, string expected)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kraken.dll"));
        psi.ArgumentList.Add(script);
        psi.Environment.Remove("LUA_INIT");
        psi.Environment.Remove("KRAKEN_CONFIG");
        using var process = Process.Start(psi)!;
        try
        {
            var output = new StringBuilder();
            var stream = process.StandardOutput.BaseStream;
            var buffer = new byte[256];
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!output.ToString().Contains(expected))
            {
                var read = stream.ReadAsync(buffer).AsTask();
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !read.Wait(left) || read.Result == 0) break;
                output.Append(Encoding.Latin1.GetString(buffer, 0, read.Result));
            }
            return (output.ToString(), process.HasExited);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(10000);
        }
    }

    [Fact]
    public void SetvbufLineOrNoMakesOutputVisibleAtOnce()
    {
        // stdout is a pipe here, fully buffered by default; the scripts then sleep until killed
        var (line, lineEnded) = ReadWhileRunning(KrakenProcess.Script("line.lua",
            "print(io.stdout:setvbuf('line'))\nprint('a log line')\nkraken.sleep(math.huge)\n"), "a log line\n");
        Assert.Equal("true\na log line\n", line);
        Assert.False(lineEnded);

        var (no, noEnded) = ReadWhileRunning(KrakenProcess.Script("no.lua",
            "io.stdout:setvbuf('no')\nio.write('no newline')\nkraken.sleep(math.huge)\n"), "no newline");
        Assert.Equal("no newline", no);
        Assert.False(noEnded);
    }

    [Fact]
    public void UsageListsKrakensOwnOptions()
    {
        var r = KrakenProcess.Run(["-x"]);
        Assert.Equal(1, r.ExitCode);
        foreach (string option in new[] { "--config FILE", "--max-connections N", "--workers N", "--runaway-limit S" })
            Assert.Contains(option, r.StdErr);

        // as the usage says, they come in any order before lua.c's options
        string config = KrakenProcess.Script("config.lua", "x = 'configured'");
        var ordered = KrakenProcess.Run(["--max-connections", "5", "--config", config, "--workers", "1", "-e", "print(x)"]);
        Assert.Equal("", ordered.StdErr);
        Assert.Equal("configured\n", ordered.StdOut);
    }
}

/// <summary>The configuration file run before the script (/etc/kraken.lua, KRAKEN_CONFIG, --config).</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public void ConfigFileRunsBeforeTheScriptInTheSameState()
    {
        string config = KrakenProcess.Script("config.lua", "package.path = '/opt/mylibs/?.lua;' .. package.path\nconfigured = 'yes'\n");
        var r = KrakenProcess.Run(["--config", config, "-e", "print(configured, package.path:match('^/opt/mylibs') ~= nil)"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("yes\ttrue\n", r.StdOut);
    }

    [Fact]
    public void BrokenConfigIsOneClearLineAndExitCodeOne()
    {
        string config = KrakenProcess.Script("broken.lua", "this is not lua\n");
        var r = KrakenProcess.Run(["--config", config, "-e", "print('never')"]);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("", r.StdOut);
        Assert.Contains("broken.lua:1:", r.StdErr);
    }

    [Fact]
    public void MissingNamedConfigIsAnError()
    {
        var r = KrakenProcess.Run(["--config", "/nonexistent/kraken.lua", "-e", "print(1)"]);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("cannot open configuration file /nonexistent/kraken.lua", r.StdErr);
    }

    [Theory]
    [InlineData("")]
    [InlineData("os.exit(0)")]
    public void FilesLeftOpenAreFlushedAtExit(string ending)
    {
        string output = Path.Combine(Path.GetTempPath(), $"kraken-open-{Guid.NewGuid():N}.txt");
        string script = KrakenProcess.Script("open.lua",
            $"io.output('{output}'); io.write('alo'); local f = io.open('{output}.2', 'w'); f:write('second')\n{ending}\n");
        var r = KrakenProcess.Run([script]);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("alo", File.ReadAllText(output));
        Assert.Equal("second", File.ReadAllText(output + ".2"));
        File.Delete(output);
        File.Delete(output + ".2");
    }

    [Fact]
    public void RunsABinaryChunkAfterAHashLine()
    {
        string dumped = KrakenProcess.Script("dump.lua",
            "local f = assert(io.open(arg[1], 'wb')); f:write('#!/usr/bin/env kraken\\r\\n', string.dump(loadstring('print(1)'))); f:close()");
        string chunk = Path.Combine(Path.GetTempPath(), $"kraken-chunk-{Guid.NewGuid():N}.out");
        Assert.Equal(0, KrakenProcess.Run([dumped, chunk]).ExitCode);
        var r = KrakenProcess.Run([chunk]);
        Assert.Equal("1\n", r.StdOut);
        File.Delete(chunk);
    }

    [Fact]
    public void DebugDebugRunsCommandsUntilCont()
    {
        var r = KrakenProcess.Run(["-e", "debug.debug() print('after', x)"], stdin: "print(1+1)\nerror('x')\nx = 5\ncont\nprint('not run')\n");
        Assert.Equal("2\nafter\t5\n", r.StdOut);
        Assert.Equal("lua_debug> lua_debug> (debug command):1: x\nlua_debug> lua_debug> ", r.StdErr);
    }
}
