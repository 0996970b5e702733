using System.Reflection;
using LuaVm;
using LuaVm.Runtime;
using Xunit;

namespace Kraken.Tests;

/// <summary>
/// Extension modules written in C# (examples/module, built with the solution): require finds them
/// through package.cpath, package.loadlib loads them, and failures read like lua5.1's.
/// </summary>
public sealed class ModuleTests
{
    private static readonly string ModuleFolder = Path.GetFullPath(typeof(ModuleTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "VectorModuleFolder").Value!);

    private static string Lua(string s) => s.Replace("\\", "\\\\").Replace("'", "\\'");

    private static LuaState StateWithCPath(string cpath)
    {
        var lua = new LuaState();
        lua.DoString($"package.cpath = '{Lua(cpath)}'");
        return lua;
    }

    [Fact]
    public void RequireLoadsTheAssemblyThroughASoTemplate()
    {
        // a lua5.1-style "?.so" template finds vector.dll, the same stem
        var lua = StateWithCPath(Path.Combine(ModuleFolder, "?.so"));
        var r = lua.DoString("""
            local vector = require "vector"
            local v = vector.new(3, 4)
            return v.x, v.y, v:length(), tostring(v + vector.new(0.5, 1)), v == vector.new(3, 4),
                   require "vector" == vector, package.loaded.vector == vector
            """);
        Assert.Equal(3.0, r[0].ToDouble());
        Assert.Equal(4.0, r[1].ToDouble());
        Assert.Equal(5.0, r[2].ToDouble());
        Assert.Equal("vector(3.5, 5)", r[3].ToUtf8String());
        Assert.True(r[4].ToBoolean());
        Assert.True(r[5].ToBoolean());
        Assert.True(r[6].ToBoolean());
    }

    [Fact]
    public void DotChecksItsArgumentsLikeALibraryFunction()
    {
        var lua = StateWithCPath(Path.Combine(ModuleFolder, "?.dll"));
        var r = lua.DoString("""
            local vector = require "vector"
            local ok, err = pcall(vector.dot, vector.new(1, 2), 3)
            return vector.dot(vector.new(1, 2), vector.new(3, 4)), err
            """);
        Assert.Equal(11.0, r[0].ToDouble());
        Assert.Equal("bad argument #2 to '?' (vector expected, got number)", r[1].ToUtf8String());
    }

    [Fact]
    public void DottedNamesUseTheAllInOneLoader()
    {
        var lua = StateWithCPath(Path.Combine(ModuleFolder, "?.dll"));
        var r = lua.DoString("""
            local vector = require "vector"
            local stats = require "vector.stats"
            local ok, err = pcall(require, "vector.nothing")
            return tostring(stats.sum(vector.new(1, 2), vector.new(3, 4))), ok, err
            """);
        Assert.Equal("vector(4, 6)", r[0].ToUtf8String());
        Assert.False(r[1].ToBoolean());
        string dll = Path.Combine(ModuleFolder, "vector.dll");
        Assert.EndsWith($"\n\tno file '{Path.Combine(ModuleFolder, "vector/nothing.dll")}'\n\tno module 'vector.nothing' in file '{dll}'", r[2].ToUtf8String());
    }

    [Fact]
    public void AVersionPrefixBeforeADashIsNotPartOfTheEntryPoint()
    {
        // lua5.1's mkfuncname: require "v2-vector" loads v2-vector's luaopen_vector
        string dir = Path.Combine(Path.GetTempPath(), "kraken-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.Copy(Path.Combine(ModuleFolder, "vector.dll"), Path.Combine(dir, "v2-vector.dll"));
        var lua = StateWithCPath(Path.Combine(dir, "?.dll"));
        var r = lua.DoString("return tostring(require('v2-vector').new(1, 2)), package.loaded['v2-vector'] ~= nil");
        Assert.Equal("vector(1, 2)", r[0].ToUtf8String());
        Assert.True(r[1].ToBoolean());
    }

    [Fact]
    public void FailuresReadLikeLua51()
    {
        string dir = Path.Combine(Path.GetTempPath(), "kraken-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "bad.so"), "not an assembly\n");
        // a .NET assembly without luaopen_hello
        File.Copy(Path.Combine(AppContext.BaseDirectory, "HelloEmbedding.dll"), Path.Combine(dir, "hello.dll"));
        var lua = StateWithCPath(Path.Combine(dir, "?.so"));
        var r = lua.DoString("""
            local ok1, e1 = pcall(require, "bad")
            local ok2, e2 = pcall(require, "hello")
            return e1, e2
            """);
        string bad = Path.Combine(dir, "bad.so"), hello = Path.Combine(dir, "hello.dll");
        Assert.Equal($"error loading module 'bad' from file '{bad}':\n\t{bad}: not a .NET assembly", r[0].ToUtf8String());
        Assert.Equal($"error loading module 'hello' from file '{hello}':\n\t{hello}: undefined symbol: luaopen_hello", r[1].ToUtf8String());
    }

    [Fact]
    public void LoadlibReturnsTheFunctionOrNilMessageAndWhere()
    {
        var lua = new LuaState();
        string dll = Path.Combine(ModuleFolder, "vector.dll");
        var r = lua.DoString($"""
            local open = package.loadlib('{Lua(dll)}', 'luaopen_vector')
            local v = open().new(1, 1)
            local f, e1, w1 = package.loadlib('{Lua(dll)}', 'nofunc')
            local g, e2, w2 = package.loadlib('/nonexistent_kraken/x.so', 'f')
            return type(open), tostring(v), f, e1, w1, g, e2, w2
            """);
        Assert.Equal("function", r[0].ToUtf8String());
        Assert.Equal("vector(1, 1)", r[1].ToUtf8String());
        Assert.True(r[2].IsNil);
        Assert.Equal($"{dll}: undefined symbol: nofunc", r[3].ToUtf8String());
        Assert.Equal("init", r[4].ToUtf8String());
        Assert.True(r[5].IsNil);
        // lua5.1's own words (dlerror) for a missing file
        Assert.Equal("/nonexistent_kraken/x.so: cannot open shared object file: No such file or directory", r[6].ToUtf8String());
        Assert.Equal("open", r[7].ToUtf8String());
    }

    [Fact]
    public void TheKrakenHostFindsModulesOnLuaCPath()
    {
        var r = KrakenProcess.Run(["-e", "local vector = require 'vector' print(vector.new(6, 8):length())"],
            environment: new Dictionary<string, string> { ["LUA_CPATH"] = Path.Combine(ModuleFolder, "?.so") + ";;" });
        Assert.Equal("", r.StdErr);
        Assert.Equal("10\n", r.StdOut);
    }
}
