using LuaVm;
using LuaVm.Runtime;
using Xunit;

namespace LuaConformance.Tests.Embedding;

/// <summary>async/await: DoStringAsync/CallAsync, async C# functions, cancellation.</summary>
public sealed class AsyncTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task AnAsyncFunctionSuspendsTheScriptUntilItsTaskCompletes()
    {
        var lua = new LuaState();
        var gates = new Dictionary<string, TaskCompletionSource<LuaValue[]>>();
        lua.RegisterAsync("fetch", (args, ct) =>
        {
            var gate = new TaskCompletionSource<LuaValue[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (gates) gates[args[0].ToUtf8String()!] = gate;
            return new ValueTask<LuaValue[]>(gate.Task);
        });
        // three scripts wait at once on one state, with no thread held while they wait
        var runs = new[] { "a", "b", "c" }
            .Select(name => lua.DoStringAsync($"local v = fetch('{name}') return '{name}' .. v, select('#', fetch('{name}2'))"))
            .ToArray();
        // they complete in the order the test chooses, not the order they started
        foreach (var name in new[] { "c", "a", "b" })
        {
            await WaitFor(() => { lock (gates) return gates.ContainsKey(name); });
            lock (gates) gates[name].SetResult([LuaString.FromUtf8("=" + name)]);
            await WaitFor(() => { lock (gates) return gates.ContainsKey(name + "2"); });
            lock (gates) gates[name + "2"].SetResult([1, 2, 3]);
            var r = await runs[name[0] - 'a'].WaitAsync(Bound);
            Assert.Equal($"{name}={name}", r[0].ToUtf8String());
            Assert.Equal(3.0, r[1].ToDouble());
        }
    }

    [Fact]
    public async Task CompletedTasksAndSynchronousCallersNeedNoSuspension()
    {
        var lua = new LuaState();
        lua.RegisterAsync("now", (args, ct) => ValueTask.FromResult<LuaValue[]>([42]));
        lua.RegisterAsync("later", async (args, ct) =>
        {
            await Task.Delay(1, ct);
            return [args[0].ToDouble() * 2];
        });
        Assert.Equal(42.0, (await lua.DoStringAsync("return now()").WaitAsync(Bound))[0].ToDouble());
        // a synchronous DoString, or a coroutine the script resumes itself, waits on the calling thread
        Assert.Equal(10.0, lua.DoString("return later(5)")[0].ToDouble());
        Assert.Equal(14.0, (await lua.DoStringAsync("return coroutine.wrap(function() return later(7) end)()").WaitAsync(Bound))[0].ToDouble());
        // inside pcall too
        Assert.Equal("true 8", (await lua.DoStringAsync("local ok, v = pcall(later, 4) return tostring(ok) .. ' ' .. v").WaitAsync(Bound))[0].ToUtf8String());
    }

    [Fact]
    public async Task AFailedTaskIsALuaErrorThatKeepsTheException()
    {
        var lua = new LuaState();
        lua.RegisterAsync("load", async (args, ct) =>
        {
            await Task.Yield();
            throw new FileNotFoundException("no such profile", "profile.json");
        });
        var caught = await lua.DoStringAsync("local ok, e = pcall(function() return load() end) return ok, e", "=s").WaitAsync(Bound);
        Assert.False(caught[0].ToBoolean());
        Assert.Equal("s:1: load: no such profile", caught[1].ToUtf8String());
        var e = await Assert.ThrowsAsync<LuaException>(() => lua.DoStringAsync("load()", "=s").WaitAsync(Bound));
        Assert.Equal("s:1: load: no such profile", e.Message);
        var inner = Assert.IsType<FileNotFoundException>(e.InnerException);
        Assert.Equal("profile.json", inner.FileName);
    }

    [Fact]
    public async Task CancellingWhileWaitingEndsTheScriptAndPcallCannotHoldIt()
    {
        var lua = new LuaState();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lua.RegisterAsync("wait", async (args, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
            return [];
        });
        using var cts = new CancellationTokenSource();
        var run = lua.DoStringAsync("pcall(wait) after = true", cancellationToken: cts.Token);
        await started.Task.WaitAsync(Bound);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Bound));
        Assert.True(lua.GetGlobal("after").IsNil);
        // the state goes on
        Assert.Equal(2.0, lua.DoString("return 1 + 1")[0].ToDouble());
    }

    [Fact]
    public async Task CancellingWhileLuaCodeRunsStopsItAndPcallCannotHoldIt()
    {
        var lua = new LuaState();
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lua.Register("running", call =>
        {
            running.TrySetResult();
            return 0;
        });
        using var cts = new CancellationTokenSource();
        var run = Task.Run(() => lua.DoStringAsync("running() while true do pcall(function() while true do end end) end", cancellationToken: cts.Token));
        await running.Task.WaitAsync(Bound);
        cts.Cancel();
        var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(Bound));
        Assert.Equal(cts.Token, e.CancellationToken);
        Assert.Equal(3.0, lua.DoString("return 1 + 2")[0].ToDouble()); // the interrupt is gone
    }

    [Fact]
    public async Task AYieldOutsideAnyCoroutineIsAnErrorAsInDoString()
    {
        var lua = new LuaState();
        var e = await Assert.ThrowsAsync<LuaException>(() => lua.DoStringAsync("coroutine.yield(1)").WaitAsync(Bound));
        Assert.Equal("attempt to yield from outside a coroutine", e.Message);
        Assert.Throws<LuaException>(() => lua.DoString("coroutine.yield(1)"));
        await Assert.ThrowsAsync<LuaSyntaxException>(() => lua.DoStringAsync("x = = 1"));
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met in time");
            await Task.Delay(5);
        }
    }
}
