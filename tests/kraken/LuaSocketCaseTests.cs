using Xunit;

namespace Kraken.Tests;

/// <summary>
/// LuaSocket's blocking behaviour: each case in tests/kraken/socket-cases runs under kraken and
/// must print what lua5.1 with Debian's lua-socket printed (NAME.expected, written by
/// generate-expected.sh). Each case runs twice: on kraken's own socket module (package.path
/// emptied, so only the built-ins are found), and on Debian's socket.lua, which comes first on
/// the default package.path and must run unmodified on kraken's socket.core.
/// </summary>
public sealed class LuaSocketCaseTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "*.lua").OrderBy(f => f, StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    private static string Folder => KrakenProcess.RepoFile("tests/kraken/socket-cases");

    [Theory]
    [MemberData(nameof(Cases))]
    public void BuiltinSocketModuleGivesLuaSocketsOutput(string name) => Check(name, ["-e", "package.path = ''"]);

    [DebianLuaSocketTheory]
    [MemberData(nameof(Cases))]
    public void DebiansSocketLuaRunsOnKrakensCore(string name)
    {
        Check(name, []);
    }

    private static void Check(string name, string[] options)
    {
        var result = KrakenProcess.Run([.. options, name + ".lua"], workingDirectory: Folder, timeoutMs: 60000);
        string expected = File.ReadAllText(Path.Combine(Folder, name + ".expected"));
        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}; stderr: {result.StdErr}");
        Assert.Equal(expected, result.StdOut);
    }
}

/// <summary>A theory that needs Debian's lua-socket (its socket.lua on lua5.1's default path); skipped with the reason otherwise.</summary>
public sealed class DebianLuaSocketTheoryAttribute : TheoryAttribute
{
    public DebianLuaSocketTheoryAttribute()
    {
        if (!File.Exists("/usr/share/lua/5.1/socket.lua"))
            Skip = "Debian's lua-socket is not installed (apt-get install lua-socket): its socket.lua cannot be tried on kraken's socket.core";
    }
}

/// <summary>A fact that needs Debian's lua-socket Lua files (socket/http.lua, ltn12.lua, mime.lua); skipped with the reason otherwise.</summary>
public sealed class DebianLuaSocketFactAttribute : FactAttribute
{
    public DebianLuaSocketFactAttribute()
    {
        if (!File.Exists("/usr/share/lua/5.1/socket/http.lua"))
            Skip = "Debian's lua-socket is not installed (apt-get install lua-socket): socket.http cannot be tried on kraken";
    }
}
