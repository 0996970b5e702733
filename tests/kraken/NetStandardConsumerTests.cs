using Xunit;

namespace Kraken.Tests;

/// <summary>
/// LuaVm and LuaModules target netstandard2.1 too (Unity and other hosts on older runtimes): a
/// console application built here references their netstandard2.1 builds explicitly
/// (SetTargetFramework), and runs a script whose function gets hot, cjson from LuaModules, and a
/// C# module loaded by require from an assembly file on package.cpath (Assembly.LoadFrom there).
/// </summary>
[Collection("Builds run by tests")]
public sealed class NetStandardConsumerTests
{
    private const string Program = """"
        using LuaVm;
        using LuaVm.Runtime;

        var lua = new LuaState { JitThreshold = 1 };
        LuaModules.BuiltinModules.AddTo(lua);
        // compiled Lua code shows on the .NET stack as a dynamic method named "lua:chunk:line"
        lua.Register("compiled", call => call.Return(Environment.StackTrace.Contains("lua:=script:2")));
        lua.SetGlobal("dir", AppContext.BaseDirectory);
        var r = lua.DoString("""
            package.cpath = dir .. "?.dll;" .. package.cpath
            local function fib(n) if n < 2 then return n, compiled() end local a, c = fib(n - 1) return a + fib(n - 2), c end
            local n, wasCompiled = fib(20)
            local greeting = require "NsConsumer"
            return n, tostring(wasCompiled), require("cjson").encode({1, 2}), greeting.hello("é"), #greeting.hello("é"), _VERSION
            """, "=script");
        Console.WriteLine(string.Join(" ", r.Select(v => v.ToUtf8String())));
        Console.WriteLine(typeof(LuaState).Assembly.GetCustomAttributes(typeof(System.Runtime.Versioning.TargetFrameworkAttribute), false)
            .Cast<System.Runtime.Versioning.TargetFrameworkAttribute>().Single().FrameworkName);
        Console.WriteLine(typeof(LuaModules.BuiltinModules).Assembly.GetCustomAttributes(typeof(System.Runtime.Versioning.TargetFrameworkAttribute), false)
            .Cast<System.Runtime.Versioning.TargetFrameworkAttribute>().Single().FrameworkName);

        /// <summary>A Lua module written in C#: require "NsConsumer" finds this assembly on package.cpath.</summary>
        public static class Greeting
        {
            [LuaExport("luaopen_NsConsumer")]
            public static int Open(CallContext call) => call.Return(call.State.CreateTable(("hello", Hello)));

            private static int Hello(CallContext call) => call.Return("hello " + call.CheckString(1).ToUtf8String());
        }
        """";

    [Fact]
    public void AnApplicationRunsTheNetStandardBuilds()
    {
        using var project = new ConsumerProject("NsConsumer", "net10.0", "", Program, "LuaVm", "LuaModules");
        project.ReferenceTargetFramework("netstandard2.1");
        project.Run("build");
        var run = DotnetProcess.Run([Path.Combine(project.Output, "NsConsumer.dll")], timeoutMs: 120000, workingDirectory: project.Folder);
        Assert.Equal("", run.StdErr);
        Assert.Equal(0, run.ExitCode);
        // fib(20) = 6765; "hello é" is 8 bytes (é is 2 in UTF-8); the compiling tier runs there too
        Assert.Equal("6765 true [1,2] hello é 8 Lua 5.1\n.NETStandard,Version=v2.1\n.NETStandard,Version=v2.1\n", run.StdOut);
    }
}
