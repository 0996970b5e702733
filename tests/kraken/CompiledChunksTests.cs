using System.Text;
using KrakenHost.CommandLine;
using LuaVm;
using LuaVm.Bytecode;
using LuaVm.Compiler;
using LuaVm.Runtime;
using Xunit;

namespace Kraken.Tests;

/// <summary>
/// The chunks the AOT front end passes to the JIT build (CommandLine/CompiledChunks.cs), in this
/// process: a passed chunk is used only for a chunk of the same name and the same source bytes,
/// and anything that is not what the front end wrote is ignored. One class, so that its tests
/// never run at the same time (they share the process's received chunks).
/// </summary>
public sealed class CompiledChunksTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kraken-tests", "chunks-" + Guid.NewGuid().ToString("N"));

    public CompiledChunksTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(CompiledChunks.Variable, null);
        CompiledChunks.Receive(); // forgets what a test passed
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>An entry whose binary chunk is compiled from <paramref name="compiledFrom"/>, not from its source: a run of it shows which was used.</summary>
    private static CompiledChunks.Entry Entry(string name, string source, string compiledFrom) =>
        new(name, Encoding.UTF8.GetBytes(source), BinaryChunk.Dump(LuaCompiler.Compile(Encoding.UTF8.GetBytes(compiledFrom), name)));

    private static void Pass(params CompiledChunks.Entry[] entries)
    {
        int fd = CompiledChunks.Share(entries);
        Assert.True(fd >= 3);
        Environment.SetEnvironmentVariable(CompiledChunks.Variable, fd.ToString());
        CompiledChunks.Receive();
        Assert.Null(Environment.GetEnvironmentVariable(CompiledChunks.Variable)); // no child process sees it
    }

    private static string Run(LuaState state, LuaFunction? f) => f is null ? "not passed" : state.Call(f)[0].ToString();

    [Fact]
    public void AFileIsTakenFromThePassedChunksOnlyWhileItsBytesAreTheSame()
    {
        string path = Path.Combine(_folder, "script.lua");
        File.WriteAllText(path, "#!/usr/bin/env lua\nreturn 'source'");
        // the front end compiles a file without its first '#' line, as loadfile does
        Pass(Entry("@" + path, "\nreturn 'source'", "return 'passed'"));
        var state = new LuaState();
        Assert.Equal("passed", Run(state, CompiledChunks.LoadFile(state, path)));
        File.WriteAllText(path, "#!/usr/bin/env lua\nreturn 'changed'");
        Assert.Equal("not passed", Run(state, CompiledChunks.LoadFile(state, path)));
        Assert.Equal("not passed", Run(state, CompiledChunks.LoadFile(state, Path.Combine(_folder, "missing.lua"))));
    }

    [Fact]
    public void TextChunksMatchByNameAndBytes()
    {
        Pass(Entry("=(command line)", "x = 1", "return 'passed'"));
        var state = new LuaState();
        Assert.Equal("passed", Run(state, CompiledChunks.Load(state, "x = 1"u8, "=(command line)")));
        Assert.Equal("not passed", Run(state, CompiledChunks.Load(state, "x = 1"u8, "=LUA_INIT")));
        Assert.Equal("not passed", Run(state, CompiledChunks.Load(state, "x = 2"u8, "=(command line)")));
        // a state that refuses binary chunks compiles the source itself
        var sandbox = new LuaState { AllowBinaryChunks = false };
        Assert.Equal("not passed", Run(sandbox, CompiledChunks.Load(sandbox, "x = 1"u8, "=(command line)")));
    }

    [Fact]
    public void WhatTheFrontEndDidNotWriteIsIgnored()
    {
        var state = new LuaState();
        foreach (string value in new[] { "0", "-1", "abc", "999999", "" })
        {
            Environment.SetEnvironmentVariable(CompiledChunks.Variable, value);
            CompiledChunks.Receive();
            Assert.Null(CompiledChunks.Load(state, "x = 1"u8, "=(command line)"));
        }
        // a file that starts as the front end's do, but was not written for this process
        string other = Path.Combine(_folder, "other");
        File.WriteAllText(other, "KRAKEN-CHUNKS-1\nnot what the front end writes");
        using (var f = File.OpenRead(other))
        {
            Environment.SetEnvironmentVariable(CompiledChunks.Variable, f.SafeFileHandle.DangerousGetHandle().ToString());
            CompiledChunks.Receive();
            Assert.Null(CompiledChunks.Load(state, "x = 1"u8, "=(command line)"));
            Assert.Equal(0, f.Position); // left open and untouched: not ours to close
            Assert.Equal('K', (char)f.ReadByte());
        }
    }
}
