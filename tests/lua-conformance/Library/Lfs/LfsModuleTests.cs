using System.Diagnostics;
using System.Text;
using LuaVm;
using LuaVm.Runtime;
using Xunit;

namespace LuaConformance.Tests.Library.Lfs;

/// <summary>
/// What the lfs golden cases cannot show: a lock_dir lock freed when the state closes (after the
/// program's output is done), locks that another process (lua5.1 with Debian's lfs) really sees,
/// and the Lua errors raised where the C module would crash.
/// </summary>
public sealed class LfsModuleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kraken-lfs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static LuaState NewState(MemoryStream? output = null)
    {
        var state = new LuaState();
        if (output is not null)
        {
            state.StdOut = output;
            LuaVm.Library.IoLibrary.Open(state);
        }
        LuaModules.BuiltinModules.AddTo(state);
        return state;
    }

    private static string Quote(string s) => "'" + s.Replace("\\", "\\\\").Replace("'", "\\'") + "'";

    [Fact]
    public void LockDirIsFreedWhenTheStateCloses()
    {
        string link = Path.Combine(_dir, "lockfile.lfs");
        var state = NewState();
        state.DoString($"held = assert(require('lfs').lock_dir({Quote(_dir)}))");
        Assert.Equal("lock", new FileInfo(link).LinkTarget);
        state.Close(); // lua_close runs the lock's __gc
        Assert.False(Path.Exists(link) || new FileInfo(link).LinkTarget is not null);
    }

    [Fact]
    public void ClosingSomethingElseThanADirectoryIsALuaError()
    {
        // lfs's close takes lua_touserdata unchecked: a non-userdata crashes lua5.1
        var state = NewState();
        foreach (string arg in new[] { "nil", "{}", "io.stdout", "newproxy()" })
        {
            var e = Assert.Throws<LuaException>(() => state.DoString(
                $"local _, d = require('lfs').dir({Quote(_dir)}) getmetatable(d).__index.close({arg})"));
            Assert.Contains("bad argument #1 to 'close' (directory metatable expected, got", e.Message);
        }
    }

    [Fact]
    public void AStreamWithNoDescriptorCannotBeLocked()
    {
        // an embedder's in-memory io.stdout has no file descriptor: EBADF, as for a closed descriptor
        var output = new MemoryStream();
        var state = NewState(output);
        state.DoString("print(require('lfs').lock(io.stdout, 'w'))");
        state.StdOut.Flush();
        Assert.Equal("nil\tBad file descriptor\n", Encoding.Latin1.GetString(output.ToArray()));
    }

    [Fact]
    public void AnotherProcessSeesTheLocks()
    {
        string file = Path.Combine(_dir, "shared");
        File.WriteAllText(file, "0123456789");
        var state = NewState();
        state.DoString($"lfs = require 'lfs' f = assert(io.open({Quote(file)}, 'r+')) assert(lfs.lock(f, 'w', 0, 5))");
        string probe = $"local lfs = require 'lfs' local f = io.open({Quote(file)}, 'r+') " +
            "print(lfs.lock(f, 'w', 0, 1)) print(lfs.lock(f, 'w', 5, 5)) print(lfs.lock(f, 'r', 4, 1))";
        Assert.Equal("nil\tResource temporarily unavailable\ntrue\nnil\tResource temporarily unavailable\n", RunLua51(probe));
        state.DoString("assert(lfs.unlock(f, 0, 5)) assert(lfs.lock(f, 'r'))");
        // now a shared lock on the whole file: the other process may only read-lock
        Assert.Equal("nil\tResource temporarily unavailable\nnil\tResource temporarily unavailable\ntrue\n", RunLua51(probe));
        state.DoString("f:close()");
    }

    private static string RunLua51(string code)
    {
        var psi = new ProcessStartInfo("lua5.1") { RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-e");
        psi.ArgumentList.Add(code);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("lua5.1 did not start");
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output;
    }
}
