using LuaVm;
using LuaVm.Runtime;
using Xunit;

namespace LuaConformance.Tests.Library;

/// <summary>
/// The built-in system and term modules where golden cases cannot show them: inputs on which the
/// C modules hang or crash, the standard streams of a state that kept the console's, and the
/// built-in stand-ins for Debian's Lua parts when those are not on package.path.
/// </summary>
public sealed class SystemTermTests
{
    private static LuaState NewState(bool withoutLuaParts = true)
    {
        var state = new LuaState();
        LuaModules.BuiltinModules.AddTo(state);
        // Debian's /usr/share/lua/5.1/{system,term} would win over the built-in stand-ins
        if (withoutLuaParts) state.DoString("package.path = ''");
        return state;
    }

    private static string ErrorOf(LuaState state, string code) =>
        Assert.Throws<LuaException>(() => state.DoString(code)).Value.ToString();

    [Fact]
    public void SleepingNaNSecondsIsAnError()
    {
        // luasystem's nanosleep loop never returns for NaN
        var state = NewState();
        Assert.Contains("bad argument #1 to 'sleep' (number is NaN)", ErrorOf(state, "require('system').sleep(0/0)"));
    }

    [Fact]
    public void IsattyOfAClosedFileIsAnError()
    {
        // lua-term's isatty calls fileno on the closed FILE*'s NULL and crashes
        var state = NewState();
        Assert.EndsWith("attempt to use a closed file",
            ErrorOf(state, "local f = io.tmpfile() f:close() require('term.core').isatty(f)"));
    }

    [Fact]
    public void StandardStreamsAreAskedThroughTheConsole()
    {
        // a state that kept the console's streams: the test runner's are redirected or not as Console says
        var state = NewState();
        var r = state.DoString("local t = require 'term.core' return t.isatty(io.stdout), t.isatty(io.stderr), t.isatty(io.stdin)");
        Assert.Equal(!Console.IsOutputRedirected, r[0].ToBoolean());
        Assert.Equal(!Console.IsErrorRedirected, r[1].ToBoolean());
        Assert.Equal(!Console.IsInputRedirected, r[2].ToBoolean());
    }

    [Fact]
    public void ReplacedStandardStreamsAreNoTerminal()
    {
        var state = NewState();
        state.StdOut = new MemoryStream();
        state.StdErr = new MemoryStream();
        state.StdIn = new MemoryStream();
        LuaVm.Library.IoLibrary.Open(state);
        var r = state.DoString("local t = require 'term.core' return t.isatty(io.stdout), t.isatty(io.stderr), t.isatty(io.stdin)");
        Assert.All(r, v => Assert.False(v.ToBoolean()));
    }

    [Fact]
    public void TheBuiltinLuaPartsAnswerWithoutDebiansFiles()
    {
        var state = NewState();
        var r = state.DoString("""
            local term, system = require "term", require "system"
            return term == require "term.core", system == require "system.core",
                   package.loaded["term.colors"] == term.colors, term.maketermfunc == nil,
                   tostring(term.colors.red) == "\27[31m", system._VERSION
            """);
        for (int i = 0; i < 4; i++) Assert.True(r[i].ToBoolean(), $"result {i + 1}");
        Assert.True(r[4].ToBoolean());
        Assert.Equal("LuaSystem 0.2.1", r[5].ToString());
    }

    [Fact]
    public void TermCursorCanBeRequiredOnItsOwn()
    {
        // lua-term's cursor.lua needs term.core.maketermfunc, which exists only while term loads
        var state = NewState();
        var output = new MemoryStream();
        state.StdOut = output;
        LuaVm.Library.IoLibrary.Open(state);
        state.DoString("local cursor = require 'term.cursor' cursor.jump(2, 3) cursor.goleft(4) io.stdout:flush()");
        Assert.Equal("\u001b[2;3H\u001b[4;D", System.Text.Encoding.Latin1.GetString(output.ToArray()));
    }

    [Fact]
    public void ALuaPartOnPackagePathRunsOverTheBuiltinCore()
    {
        // as Debian's term/init.lua and cursor.lua do: cursor.lua finds term.core.maketermfunc
        string dir = Path.Combine(Path.GetTempPath(), "kraken-term-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "term"));
        try
        {
            File.WriteAllText(Path.Combine(dir, "term", "cursor.lua"),
                "local core = require 'term.core' return { home = core.maketermfunc 'H', isatty = core.isatty }");
            var state = NewState();
            var output = new MemoryStream();
            state.StdOut = output;
            LuaVm.Library.IoLibrary.Open(state);
            state.DoString($"package.path = [[{dir}/?.lua]] local term = require 'term' term.cursor.home() io.stdout:flush()");
            Assert.Equal("\u001b[H", System.Text.Encoding.Latin1.GetString(output.ToArray()));
            Assert.True(state.DoString("return require('term').maketermfunc == nil")[0].ToBoolean());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
