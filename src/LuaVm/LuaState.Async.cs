using System.Text;
using LuaVm.Runtime;

namespace LuaVm;

// async/await for embedders. A script run by DoStringAsync/CallAsync runs in a coroutine that the
// driver below resumes; an async C# function (RegisterAsync) called in that coroutine starts its
// task and, when the task is not complete yet, suspends the coroutine (a yield to the driver),
// which awaits the task and resumes the coroutine with its results. No thread is held while a task
// is pending, and several scripts may wait at once on one state: their resumes take turns.
public sealed partial class LuaState
{
    /// <summary>
    /// Compiles and runs source text (UTF-8, as <see cref="DoString"/>) as an async call: async
    /// functions (<see cref="RegisterAsync"/>) it calls suspend it until their tasks complete,
    /// without blocking a thread. Cancelling <paramref name="cancellationToken"/> ends the script:
    /// Lua code running at that moment stops with an error that pcall cannot hold (see
    /// <see cref="Interrupt"/>), a script waiting on a task is never resumed, and the returned task
    /// is cancelled (<see cref="OperationCanceledException"/>).
    /// </summary>
    /// <exception cref="LuaSyntaxException">The text does not compile (the task is faulted with it).</exception>
    public Task<LuaValue[]> DoStringAsync(string code, string chunkName = "=(string)", CancellationToken cancellationToken = default)
    {
        LuaClosure chunk;
        try
        {
            chunk = Load(Encoding.UTF8.GetBytes(code), chunkName);
        }
        catch (LuaException e)
        {
            return Task.FromException<LuaValue[]>(e);
        }
        return CallAsync(chunk, [], cancellationToken);
    }

    /// <summary>Compiles and runs a file (see <see cref="LoadFile"/>) as an async call (see <see cref="DoStringAsync"/>).</summary>
    public Task<LuaValue[]> DoFileAsync(string path, CancellationToken cancellationToken = default)
    {
        LuaClosure chunk;
        try
        {
            chunk = LoadFile(path);
        }
        catch (LuaException e)
        {
            return Task.FromException<LuaValue[]>(e);
        }
        return CallAsync(chunk, [], cancellationToken);
    }

    /// <summary>Calls a Lua function as an async call (see <see cref="DoStringAsync"/>) and returns all its results.</summary>
    public Task<LuaValue[]> CallAsync(LuaValue function, params LuaValue[] args) => CallAsync(function, args, CancellationToken.None);

    /// <summary>Calls a Lua function as an async call (see <see cref="DoStringAsync"/>) and returns all its results.</summary>
    public async Task<LuaValue[]> CallAsync(LuaValue function, LuaValue[] args, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (function.Obj is not LuaFunction f) throw new LuaException($"attempt to call a {function.TypeName()} value");
        var run = new AsyncRun(NewThread(f), cancellationToken);
        run.Coroutine.CaptureTraceback = true;
        LuaValue[] input = args;
        while (true)
        {
            var outcome = await ResumeAsyncRun(run, input).ConfigureAwait(false);
            if (outcome.Outcome == ResumeOutcome.Failed)
            {
                if (run.Interrupted) throw new OperationCanceledException("the Lua script was cancelled", outcome.Error, cancellationToken);
                throw outcome.Error!;
            }
            if (outcome.Outcome == ResumeOutcome.Returned) return outcome.Values;
            if (run.Pending is not { } pending)
                throw new LuaException("attempt to yield from outside a coroutine"); // a bare coroutine.yield in the script's body
            run.Pending = null;
            // a failed task is for the coroutine's continuation to raise in the script: wait without throwing
            await ((Task)pending).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            // cancelled: the coroutine is abandoned, nothing of the script runs again, so no pcall can hold this
            cancellationToken.ThrowIfCancellationRequested();
            run.Completed = pending;
            input = [];
        }
    }

    // Resumes of async runs take turns: their continuations may come on different threads.
    private readonly SemaphoreSlim _asyncTurn = new(1, 1);
    private readonly Dictionary<LuaThread, AsyncRun> _asyncRuns = new(ReferenceEqualityComparer.Instance);

    private async Task<ResumeResult> ResumeAsyncRun(AsyncRun run, LuaValue[] input)
    {
        await _asyncTurn.WaitAsync(run.Token).ConfigureAwait(false);
        try
        {
            _asyncRuns[run.Coroutine] = run;
            // a cancellation while Lua code runs interrupts it; the interrupt covers this resume only
            using (run.Token.Register(static r => ((AsyncRun)r!).Interrupt(), run))
                return Resume(run.Coroutine, input);
        }
        finally
        {
            _asyncRuns.Remove(run.Coroutine);
            if (run.Interrupted) ClearInterrupt();
            _asyncTurn.Release();
        }
    }

    /// <summary>
    /// Registers an async C# function as a global (or a dotted path, as <see cref="Register(string, LuaNativeFunction)"/>).
    /// Its arguments are the Lua arguments; its results become the Lua results. Called inside a
    /// script run by <see cref="DoStringAsync"/>, <see cref="DoFileAsync"/> or <see cref="CallAsync(LuaValue, LuaValue[], CancellationToken)"/>,
    /// it suspends the script until the task completes, and receives that call's cancellation
    /// token. Called anywhere else (a synchronous <see cref="DoString"/>, a coroutine the script
    /// resumes itself), it waits for the task on the calling thread. A task that fails raises a Lua
    /// error "name: message" whose <see cref="Exception.InnerException"/> is the task's exception;
    /// an <see cref="OperationCanceledException"/> ends the script instead (pcall cannot hold it).
    /// </summary>
    public NativeFunction RegisterAsync(string name, Func<LuaValue[], CancellationToken, ValueTask<LuaValue[]>> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        string shortName = name[(name.LastIndexOf('.') + 1)..];
        return Register(name, call =>
        {
            var args = new LuaValue[call.ArgCount];
            for (int i = 0; i < args.Length; i++) args[i] = call[i + 1];
            _asyncRuns.TryGetValue(call.Thread, out var run);
            ValueTask<LuaValue[]> started;
            try
            {
                started = function(args, run?.Token ?? CancellationToken.None);
            }
            catch (Exception e) when (e is not (LuaException or OperationCanceledException))
            {
                throw AsyncFailure(call, shortName, e);
            }
            // a coroutine the script resumed itself, or a call under a metamethod or a C function
            // (sort's comparator, gsub's callback) cannot suspend to the driver: it waits here
            if (started.IsCompleted || run is null || !CanSuspendToDriver(call.Thread))
            {
                LuaValue[] results;
                try
                {
                    results = started.IsCompletedSuccessfully ? started.Result : started.AsTask().GetAwaiter().GetResult();
                }
                catch (Exception e) when (e is not (LuaException or OperationCanceledException))
                {
                    throw AsyncFailure(call, shortName, e);
                }
                return PushResults(call, results);
            }
            run.Pending = started.AsTask();
            return call.Yield(0, resumed =>
            {
                var task = run.Completed!;
                run.Completed = null;
                if (task.IsCanceled) throw new OperationCanceledException("an async function's task was cancelled");
                if (task.IsFaulted)
                {
                    var e = task.Exception!.InnerExceptions.Count == 1 ? task.Exception.InnerException! : task.Exception;
                    if (e is LuaException or OperationCanceledException) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e);
                    throw AsyncFailure(resumed, shortName, e);
                }
                return PushResults(resumed, task.Result);
            });
        });
    }

    private static bool CanSuspendToDriver(LuaThread t) =>
        t.Protocol.NestedExecutions == 0 && t.Protocol.InLoopResumer is null && !ReferenceEquals(t, t.State.MainThread);

    // worded as every exception of C# code Lua called: "name: message", the exception inside
    private static LuaException AsyncFailure(CallContext call, string name, Exception e) =>
        LuaVm.Interop.InteropErrors.FromClr(call, e, name);

    private static int PushResults(CallContext call, LuaValue[] results)
    {
        call.Thread.EnsureStack(results.Length);
        foreach (var v in results) call.Push(v);
        return results.Length;
    }

    /// <summary>One async call: its coroutine, its token, and the task its coroutine waits on.</summary>
    private sealed class AsyncRun(LuaThread coroutine, CancellationToken token)
    {
        public readonly LuaThread Coroutine = coroutine;
        public readonly CancellationToken Token = token;
        /// <summary>The task an async function started and the driver must await before the next resume.</summary>
        public Task<LuaValue[]>? Pending;
        /// <summary>That task once completed, for the async function's continuation.</summary>
        public Task<LuaValue[]>? Completed;
        public volatile bool Interrupted;

        public void Interrupt()
        {
            Interrupted = true;
            Coroutine.State.Interrupt("the Lua script was cancelled");
        }
    }
}
