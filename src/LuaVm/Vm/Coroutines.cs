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
        if (co.Status == CoroutineStatus.Dead)
            return Failure("cannot resume dead coroutine");
        if (ReferenceEquals(co, state.CurrentThread))
            return Failure("cannot resume running coroutine");
        if (co.Status != CoroutineStatus.Suspended || ReferenceEquals(co, state.MainThread))
            return Failure("cannot resume non-suspended coroutine");
        if (state.NestedCalls + 1 >= Interpreter.MaxNestedCalls)
            return Failure("C stack overflow");
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
                var values = new LuaValue[co.Top];
                Array.Copy(co.Stack, 0, values, 0, co.Top);
                co.Status = CoroutineStatus.Dead;
                co.Top = 0;
                return new ResumeResult(ResumeOutcome.Returned, values, null);
            }
            co.Status = CoroutineStatus.Suspended;
            return new ResumeResult(ResumeOutcome.Yielded, co.YieldedValues, null);
        }
        catch (LuaException e)
        {
            co.Status = CoroutineStatus.Dead;
            co.CloseUpValues(0);
            // the frames stay: debug.traceback(co) of a coroutine dead by an error shows where it died, as in lua5.1
            return new ResumeResult(ResumeOutcome.Failed, [e.Value], e);
        }
        finally
        {
            state.CurrentThread = previous;
            previous.Status = CoroutineStatus.Running;
            state.NestedCalls--;
        }
    }

    private static ResumeResult Failure(string message) =>
        new(ResumeOutcome.Failed, [message], new LuaException(message));

    private static ExecResult Start(LuaThread co, LuaValue[] args)
    {
        var f = co.StartFunction!;
        co.StartFunction = null;
        co.EnsureStackSize(args.Length + 8);
        co.Stack[0] = f;
        Array.Copy(args, 0, co.Stack, 1, args.Length);
        co.Top = 1 + args.Length;
        var kind = Interpreter.Precall(co, 0, -1);
        if (kind == CallKind.Yielded) return ExecResult.Yielded;
        if (kind == CallKind.NativeDone) return ExecResult.Returned;
        co.Frames[0].Flags |= FrameFlags.Entry;
        return Interpreter.Execute(co);
    }

    private static ExecResult Continue(LuaThread co, LuaValue[] args)
    {
        co.EnsureStack(args.Length);
        int first = co.Top;
        Array.Copy(args, 0, co.Stack, first, args.Length);
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
