using LuaVm.Runtime;

namespace LuaVm.Vm;

/// <summary>
/// resume and yield. A coroutine runs in its own interpreter loop (one .NET frame per resume
/// nesting level); a yield returns from that loop, leaving the coroutine's frames in place. A
/// native function that yields stays on the coroutine's frame stack and receives the next
/// resume's arguments as its results.
/// </summary>
internal static class Coroutines
{
    public static ResumeResult Resume(LuaState state, LuaThread co, LuaValue[] args)
    {
        var outcome = Run(state, co, args, out var error);
        if (outcome == ResumeOutcome.Failed) return new ResumeResult(outcome, [error!.Value], error);
        var (first, count) = outcome == ResumeOutcome.Returned ? (0, co.Top) : (co.YieldFirst, co.YieldCount);
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
        var outcome = Run(state, co, caller.Stack.AsSpan(firstArg, argCount), out error);
        if (outcome == ResumeOutcome.Failed) return -1;
        var (first, count) = outcome == ResumeOutcome.Returned ? (0, co.Top) : (co.YieldFirst, co.YieldCount);
        caller.EnsureStack(count + 1);
        Array.Copy(co.Stack, first, caller.Stack, caller.Top, count);
        caller.Top += count;
        if (outcome == ResumeOutcome.Returned) co.Top = 0;
        return count;
    }

    /// <summary>Runs the coroutine until it yields, returns or fails (the checks and status changes of lua_resume).</summary>
    private static ResumeOutcome Run(LuaState state, LuaThread co, ReadOnlySpan<LuaValue> args, out LuaException? error)
    {
        error = null;
        if (co.Status == CoroutineStatus.Dead) return Fail("cannot resume dead coroutine", out error);
        if (ReferenceEquals(co, state.CurrentThread)) return Fail("cannot resume running coroutine", out error);
        if (co.Status != CoroutineStatus.Suspended || ReferenceEquals(co, state.MainThread))
            return Fail("cannot resume non-suspended coroutine", out error);
        if (state.NestedCalls + 1 >= Interpreter.MaxNestedCalls) return Fail("C stack overflow", out error);
        state.NestedCalls++;
        var previous = state.CurrentThread;
        previous.Status = CoroutineStatus.Normal;
        co.Status = CoroutineStatus.Running;
        state.CurrentThread = co;
        try
        {
            var outcome = co.StartFunction is not null ? Start(co, args) : Continue(co, args);
            if (outcome == ExecResult.Returned)
            {
                co.Status = CoroutineStatus.Dead;
                return ResumeOutcome.Returned;
            }
            co.Status = CoroutineStatus.Suspended;
            return ResumeOutcome.Yielded;
        }
        catch (LuaException e)
        {
            co.Status = CoroutineStatus.Dead;
            co.CloseUpValues(0);
            // the frames stay: debug.traceback(co) of a coroutine dead by an error shows where it died, as in lua5.1
            error = e;
            return ResumeOutcome.Failed;
        }
        finally
        {
            state.CurrentThread = previous;
            previous.Status = CoroutineStatus.Running;
            state.NestedCalls--;
        }
    }

    private static ResumeOutcome Fail(string message, out LuaException error)
    {
        error = new LuaException(message);
        return ResumeOutcome.Failed;
    }

    private static ExecResult Start(LuaThread co, ReadOnlySpan<LuaValue> args)
    {
        var f = co.StartFunction!;
        co.StartFunction = null;
        co.EnsureStackSize(args.Length + 8);
        co.Stack[0] = f;
        args.CopyTo(co.Stack.AsSpan(1));
        co.Top = 1 + args.Length;
        var kind = Interpreter.Precall(co, 0, -1);
        if (kind == CallKind.Yielded) return ExecResult.Yielded;
        if (kind == CallKind.NativeDone) return ExecResult.Returned;
        co.Frames[0].Flags |= FrameFlags.Entry;
        return Interpreter.Execute(co);
    }

    private static ExecResult Continue(LuaThread co, ReadOnlySpan<LuaValue> args)
    {
        co.EnsureStack(args.Length);
        int first = co.Top;
        args.CopyTo(co.Stack.AsSpan(first));
        co.Top = first + args.Length;
        if (co.SuspendedInNative)
        {
            co.SuspendedInNative = false;
            int wanted = co.Frames[co.FrameCount - 1].WantedResults;
            var flags = co.Frames[co.FrameCount - 1].Flags;
            Interpreter.PostCall(co, first, args.Length);
            co.KeepTopOnce = wanted < 0;
            if ((flags & FrameFlags.FinishTForLoop) != 0) Interpreter.FinishTForLoop(co); // a native iterator yielded
            // pcall(coroutine.yield, ...) finishes its marker too
            while (co.FrameCount > 0 && (co.Frames[co.FrameCount - 1].Flags & FrameFlags.Protected) != 0)
            {
                co.KeepTopOnce = co.Frames[co.FrameCount - 1].WantedResults < 0;
                Interpreter.FinishProtectedCall(co);
            }
        }
        if (co.FrameCount == 0) return ExecResult.Returned;
        return Interpreter.Execute(co);
    }
}
