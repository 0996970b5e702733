using Xunit;

namespace Kraken.Tests;

/// <summary>
/// LuaVm and LuaModules target net8.0 as well as net10.0: a net8.0 console application built by
/// the test references them, gets their net8.0 builds, and runs a script (rolled forward to the
/// installed runtime when .NET 8's is not there).
/// </summary>
[Collection("Builds run by tests")]
public sealed class NetEightConsumerTests
{
    private const string Program = """
        using LuaVm;

        var lua = new LuaState();
        LuaModules.BuiltinModules.AddTo(lua);
        var r = lua.DoString("local cjson = require 'cjson' local s = 0 for i = 1, 2000 do s = s + i end return s, cjson.encode({1, 2}), _VERSION");
        Console.WriteLine($"{r[0]} {r[1]} {r[2]}");
        Console.WriteLine(typeof(LuaState).Assembly.GetCustomAttributes(typeof(System.Runtime.Versioning.TargetFrameworkAttribute), false)
            .Cast<System.Runtime.Versioning.TargetFrameworkAttribute>().Single().FrameworkName);
        """;

    [Fact]
    public void ANet8ApplicationUsesTheNet8Builds()
    {
        using var project = new ConsumerProject("Net8Consumer", "net8.0", "<RollForward>Major</RollForward>", Program, "LuaVm", "LuaModules");
        project.Run("build");
        var run = DotnetProcess.Run([Path.Combine(project.Output, "Net8Consumer.dll")], timeoutMs: 120000, workingDirectory: project.Folder);
        Assert.Equal("", run.StdErr);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("2001000 [1,2] Lua 5.1\n.NETCoreApp,Version=v8.0\n", run.StdOut);
    }
}
