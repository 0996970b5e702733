using System.Runtime.CompilerServices;
using LuaVm.Runtime;

namespace LuaVm.Vm;

/// <summary>
/// resume and yield. A coroutine's frames and values live on the heap (its LuaThread), and a
/// yield unwinds whatever its resume put on the .NET stack, so a suspended coroutine keeps
/// nothing there and no .NET stack has to be switched or saved. What a resume puts there: from
/// Lua code, nothing (the running interpreter loop switches to the coroutine's frames,
/// <see cref="TryResumeInLoop"/>); from compiled code, one frame of the coroutine's compiled
/// code (Interpreter.RunResumed); from anywhere else (a native, a hook, the embedding API:
/// <see cref="Run"/>), a nested interpreter loop (Interpreter.Execute), which the yield returns
/// from. Compiled functions calling each other directly inside the coroutine are turned back
/// into heap frames before it yields (Interpreter.CallDirect). A native function that yields
/// stays on the coroutine's frame stack and receives the next resume's arguments as its results.
/// </summary>
internal static class Coroutines
{
    public static ResumeResult Resume(LuaState state, LuaThread co, LuaValue[] args)
    {
        var outcome = Run(state, co, args, 0, args.Length, out var error);
        if (outcome == ResumeOutcome.Failed) return new ResumeResult(outcome, [error!.Value], error);
        var (first, count) = outcome == ResumeOutcome.Returned ? (0, co.Top) : (co.Protocol.YieldFirst, co.Protocol.YieldCount);
        var values = count == 0 ? [] : new LuaValue[count];
        Array.Copy(co.Stack, first, values, 0, count);
        if (outcome == ResumeOutcome.Returned) co.Top = 0;
        return new ResumeResult(outcome, values, null);
    }

    /// <summary>
    /// coroutine.resume and wrap's function: the arguments go from the caller's stack to the
    /// coroutine's, and what it yields or returns comes back onto the caller's stack (pushed
    /// there; the count is returned), with no array in between. -1 when it failed: the error.
    /// </summary>
    public static int ResumeOnStack(LuaState state, LuaThread co, LuaThread caller, int firstArg, int argCount, out LuaException? error)
    {
        var outcome = Run(state, co, caller.Stack, firstArg, argCount, out error);
        if (outcome == ResumeOutcome.Failed) return -1;
        var (first, count) = outcome == ResumeOutcome.Returned ? (0, co.Top) : (co.Protocol.YieldFirst, co.Protocol.YieldCount);
        caller.EnsureStack(count + 1);
        Array.Copy(co.Stack, first, caller.Stack, caller.Top, count);
        caller.Top += count;
        if (outcome == ResumeOutcome.Returned) co.Top = 0;
        return count;
    }

    /// <summary>Runs the coroutine until it yields, returns or fails (the checks and status changes of lua_resume).</summary>
    private static ResumeOutcome Run(LuaState state, LuaThread co, LuaValue[] from, int first, int count, out LuaException? error)
    {
        error = null;
        if (co.Status == CoroutineStatus.Dead) return Fail("cannot resume dead coroutine", out error);
        if (ReferenceEquals(co, state.CurrentThread)) return Fail("cannot resume running coroutine", out error);
        // lua5.1's auxresume names the status; the main thread, resumed from a coroutine, is "normal"
        if (co.Status != CoroutineStatus.Suspended || ReferenceEquals(co, state.MainThread))
            return Fail(co.Status == CoroutineStatus.Running && !ReferenceEquals(co, state.MainThread)
                ? "cannot resume running coroutine" : "cannot resume normal coroutine", out error);
        var previous = state.CurrentThread;
        // lua_resume checks the resumer's level, before adding its own
        if (Interpreter.TooManyCLevels(previous)) return Fail("C stack overflow", out error);
        state.NestedCalls++;
        int resumerMarkers = state.ResumerMarkers;
        state.ResumerMarkers += previous.Protocol.ProtectedCount;
        previous.Status = CoroutineStatus.Normal;
        co.Status = CoroutineStatus.Running;
        state.CurrentThread = co;
        co.HookMask |= previous.HookMask & HookMask.Interrupt; // an interrupt follows the running code
        try
        {
            var outcome = co.StartFunction is not null ? Start(co, from, first, count) : Continue(co, from, first, count);
            if (outcome == ExecResult.Returned)
            {
                co.Status = CoroutineStatus.Dead;
                return ResumeOutcome.Returned;
            }
            co.Status = CoroutineStatus.Suspended;
            return ResumeOutcome.Yielded;
        }
        catch (LuaException e) when (!e.Uncatchable)
        {
            co.Status = CoroutineStatus.Dead;
            co.CloseUpValues(0);
            // the frames stay: debug.traceback(co) of a coroutine dead by an error shows where it died, as in lua5.1
            error = e;
            return ResumeOutcome.Failed;
        }
        catch (Exception)
        {
            // a cancellation (or os.exit) leaves the coroutine too: no resume holds it
            co.Status = CoroutineStatus.Dead;
            co.CloseUpValues(0);
            throw;
        }
        finally
        {
            previous.HookMask |= co.HookMask & HookMask.Interrupt;
            state.CurrentThread = previous;
            previous.Status = CoroutineStatus.Running;
            state.NestedCalls--;
            state.ResumerMarkers = resumerMarkers;
        }
    }

    private static ResumeOutcome Fail(string message, out LuaException error)
    {
        error = new LuaException(message);
        return ResumeOutcome.Failed;
    }

    private static ExecResult Start(LuaThread co, LuaValue[] from, int first, int count)
    {
        var kind = PrepareStart(co, from, first, count);
        if (kind == CallKind.Yielded) return ExecResult.Yielded;
        if (kind == CallKind.NativeDone) return ExecResult.Returned;
        return Interpreter.Execute(co);
    }

    /// <summary>
    /// The first resume: the body goes to slot 0 of the coroutine's stack with the arguments and
    /// is called; a Lua body gets a frame marked <see cref="FrameFlags.Entry"/>, whose return ends
    /// the coroutine (a native body has run, or yielded, when this returns).
    /// </summary>
    private static CallKind PrepareStart(LuaThread co, LuaValue[] from, int first, int count)
    {
        var f = co.StartFunction!;
        co.StartFunction = null;
        co.EnsureStackSize(count + 8);
        co.Stack[0] = f;
        CopyValues(from, first, count, co.Stack, 1);
        co.Top = 1 + count;
        var kind = Interpreter.Precall(co, 0, -1);
        if (kind == CallKind.Lua) co.Frames[0].Flags |= FrameFlags.Entry;
        return kind;
    }

    private static ExecResult Continue(LuaThread co, LuaValue[] from, int first, int count)
    {
        var raised = PrepareContinue(co, from, first, count, out bool suspendedAgain);
        if (suspendedAgain) return ExecResult.Yielded;
        if (raised is not null) return Interpreter.Execute(co, raised);
        if (co.FrameCount == 0) return ExecResult.Returned;
        return Interpreter.Execute(co);
    }

    /// <summary>
    /// The resume's values become the results of what suspended the coroutine (coroutine.yield
    /// or another native), and the instruction or pcall waiting on that call is finished. A native
    /// that left a continuation has it called with those values first; what it returns are the
    /// results, and an error it raises is returned, for Execute to raise in the coroutine.
    /// </summary>
    private static LuaException? PrepareContinue(LuaThread co, LuaValue[] from, int first, int count, out bool suspendedAgain)
    {
        suspendedAgain = false;
        co.EnsureStack(count);
        int results = co.Top;
        CopyValues(from, first, count, co.Stack, results);
        co.Top = results + count;
        if (co.Protocol.TakeSuspendedInNative())
        {
            if (co.Continuation is not null)
            {
                var raised = RunContinuation(co, ref results, ref count, out suspendedAgain);
                if (raised is not null || suspendedAgain) return raised;
            }
            // the native that suspended (coroutine.yield) returns now: its return hook runs here
            if (co.HookMask != 0) Hooks.OnReturn(co);
            int wanted = co.Frames[co.FrameCount - 1].WantedResults;
            var flags = co.Frames[co.FrameCount - 1].Flags;
            Interpreter.PostCall(co, results, count);
            co.Protocol.KeepTopForNextEntry(wanted < 0);
            if ((flags & FrameFlags.FinishTForLoop) != 0) Interpreter.FinishTForLoop(co); // a native iterator yielded
            // pcall(coroutine.yield, ...) finishes its marker too
            co.Protocol.KeepTopForNextEntry(Interpreter.FinishProtectedCalls(co, co.Protocol.KeepsTop ? -1 : 0) < 0);
        }
        return null;
    }

    /// <summary>
    /// PrepareContinue's call of the continuation a native left (CallContext.Yield) with the
    /// resume's values at <paramref name="results"/>: what it returns become the values to
    /// finish the call with; an error it raises is returned; a yield again sets
    /// <paramref name="suspendedAgain"/>. Apart, so that the round trip's common path has no
    /// exception handler.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static LuaException? RunContinuation(LuaThread co, ref int results, ref int count, out bool suspendedAgain)
    {
        suspendedAgain = false;
        var continuation = co.Continuation!;
        co.Continuation = null;
        int n;
        try
        {
            n = continuation(new CallContext(co, results, count, co.Frames[co.FrameCount - 1].Native!));
        }
        catch (Exception e) when (e is not LuaExitException)
        {
            // raised with the native's frame still in place, as if the native had raised it
            return Interpreter.AsLuaError(co, e);
        }
        if (n <= CallContext.YieldMarker)
        {
            // it yields again: the values are the last ones it pushed
            int yielded = CallContext.YieldMarker - n;
            co.Top -= yielded;
            co.Protocol.SuspendInNative(co.Top, yielded);
            suspendedAgain = true;
            return null;
        }
        results = co.Top - n;
        count = n;
        return null;
    }

    // ---- resuming inside the interpreter loop ----
    // A CALL of coroutine.resume or of a wrap function, from Lua, does not nest an interpreter
    // loop: the loop switches to the coroutine's frames (TryResumeInLoop) and back to the
    // resumer's when the coroutine yields or returns (SwitchBack) or dies by an error
    // (AbandonInLoop, from Interpreter.Execute). The resume call keeps a native frame on the
    // resumer's stack meanwhile, so tracebacks and error positions are what they were with a
    // nested loop, and lua5.1's limit of 200 nested resumes ("C stack overflow") still counts.

    /// <summary>
    /// Starts the resume of a CALL to <paramref name="nf"/> (coroutine.resume or a wrap function)
    /// inside the running loop. Returns the thread the loop continues with (the coroutine, or the
    /// resumer again when the coroutine finished at once), or null when this resume must take
    /// the ordinary path (an error to report, a hook to call, a native body).
    /// </summary>
    internal static LuaThread? TryResumeInLoop(LuaThread t, NativeFunction nf, int func, int wanted)
    {
        var state = t.State;
        int argCount = t.Top - func - 1;
        int firstArg = func + 1;
        LuaThread? co = nf.WrappedCoroutine;
        if (nf.Kind == NativeKind.Resume)
        {
            if (argCount < 1 || t.Stack[func + 1].Obj is not LuaThread target) return null;
            co = target;
            firstArg++;
            argCount--;
        }
        if (co is null || co.Status != CoroutineStatus.Suspended || ReferenceEquals(co, state.MainThread)
            || ReferenceEquals(co, state.CurrentThread) || t.HookMask != 0 || co.HookMask != 0
            || Interpreter.TooManyCLevels(t)
            || (co.StartFunction is not null and not LuaClosure)
            || co.Continuation is not null) // a native's continuation may raise: the ordinary path handles that
            return null;
        t.PushNativeFrame(nf, func, wanted);
        state.NestedCalls++;
        co.Protocol.ResumerMarkersBefore = state.ResumerMarkers;
        state.ResumerMarkers += t.Protocol.ProtectedCount;
        t.Status = CoroutineStatus.Normal;
        co.Status = CoroutineStatus.Running;
        state.CurrentThread = co;
        co.Protocol.InLoopResumer = t;
        if (co.StartFunction is not null)
        {
            PrepareStart(co, t.Stack, firstArg, argCount); // a Lua body (checked above): its frame is pushed
            return co;
        }
        PrepareContinue(co, t.Stack, firstArg, argCount, out _); // no continuation here (checked above)
        return co.FrameCount == 0 ? SwitchBack(co, returned: true) : co;
    }

    /// <summary>
    /// A coroutine resumed in the loop yielded or returned: its values become the results of the
    /// resume call (after true, for coroutine.resume) and the resumer continues.
    /// </summary>
    internal static LuaThread SwitchBack(LuaThread co, bool returned)
    {
        var r = Leave(co, returned ? CoroutineStatus.Dead : CoroutineStatus.Suspended);
        var (first, count) = returned ? (0, co.Top) : (co.Protocol.YieldFirst, co.Protocol.YieldCount);
        bool withFlag = r.Frames[r.FrameCount - 1].Native!.Kind == NativeKind.Resume;
        r.EnsureStack(count + 1);
        int dest = r.Top;
        if (withFlag) r.Stack[dest] = LuaValue.True;
        CopyValues(co.Stack, first, count, r.Stack, withFlag ? dest + 1 : dest);
        if (returned) co.Top = 0;
        FinishResumeCall(r, dest, withFlag ? count + 1 : count);
        return r;
    }

    /// <summary>
    /// A coroutine resumed in the loop raised an error it did not catch: it is dead (its frames
    /// stay for debug.traceback); coroutine.resume returns false and the error, a wrap function
    /// raises it again in the resumer with the position prefixed (lua5.1's auxwrap). Returns the
    /// resumer, and the error to raise there (null for resume).
    /// </summary>
    internal static (LuaThread Resumer, LuaException? Raise) AbandonInLoop(LuaThread co, LuaException e)
    {
        co.CloseUpValues(0);
        var r = Leave(co, CoroutineStatus.Dead);
        if (e.Uncatchable) return (r, e); // a cancellation goes on through the resumer
        if (r.Frames[r.FrameCount - 1].Native!.Kind == NativeKind.Resume)
        {
            r.EnsureStack(2);
            int dest = r.Top;
            r.Stack[dest] = LuaValue.False;
            r.Stack[dest + 1] = e.Value;
            FinishResumeCall(r, dest, 2);
            return (r, null);
        }
        return (r, WrapError(r, e.Value));
    }

    /// <summary>
    /// The error a wrap function raises in <paramref name="resumer"/> for one its coroutine died
    /// of: lua5.1's auxwrap prefixes a string error with the caller's position.
    /// </summary>
    internal static LuaException WrapError(LuaThread resumer, LuaValue error) =>
        new(error.IsString ? LuaString.Concat(LuaString.FromLatin1(resumer.Where(1)), error.AsString!) : error);

    /// <summary>The coroutine stops running; its resumer runs again.</summary>
    private static LuaThread Leave(LuaThread co, CoroutineStatus status)
    {
        var state = co.State;
        var r = co.Protocol.InLoopResumer!;
        co.Protocol.InLoopResumer = null;
        co.Status = status;
        state.CurrentThread = r;
        r.HookMask |= co.HookMask & HookMask.Interrupt;
        r.Status = CoroutineStatus.Running;
        state.NestedCalls--;
        state.ResumerMarkers = co.Protocol.ResumerMarkersBefore;
        return r;
    }

    /// <summary>
    /// Copies the values passed by a resume or a yield: usually one or two, where a loop beats
    /// Array.Copy's checks and bulk write-barrier call (a tenth of a round trip), and numbers
    /// need no write barrier at all (<see cref="LuaValue.Assign"/>). Arrays and
    /// indices, not spans: the ReadyToRun image holds no code for Span&lt;LuaValue&gt; (a generic
    /// of the framework's over our type), so the spans ran as unoptimized Tier-0 code through
    /// the first few hundred thousand round trips (perf showed a third of that time in them).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyValues(LuaValue[] from, int first, int count, LuaValue[] to, int at)
    {
        for (int i = 0; i < count; i++) LuaValue.Assign(ref to[at + i], from[first + i]);
    }

    private static void FinishResumeCall(LuaThread r, int first, int count)
    {
        bool allResults = r.Frames[r.FrameCount - 1].WantedResults < 0;
        Interpreter.PostCall(r, first, count);
        r.Protocol.KeepTopForNextEntry(allResults);
    }
}
