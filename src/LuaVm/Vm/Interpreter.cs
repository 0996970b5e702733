using System.Runtime.CompilerServices;
using LuaVm.Bytecode;
using LuaVm.Jit;
using LuaVm.Runtime;
using static LuaVm.Bytecode.Instruction;

namespace LuaVm.Vm;

/// <summary>How a run of the interpreter loop ended.</summary>
internal enum ExecResult
{
    /// <summary>The entry frame returned; its results are at its function slot, up to Top.</summary>
    Returned,
    /// <summary>The running coroutine yielded; the values are at <see cref="LuaThread.YieldFirst"/> on its stack.</summary>
    Yielded,
    /// <summary>collectgarbage deferred a full collection (<see cref="LuaThread.PendingCollect"/>); run it and continue.</summary>
    CollectRequested,
}

/// <summary>What <see cref="Interpreter.Precall"/> did.</summary>
internal enum CallKind
{
    /// <summary>A Lua frame was pushed: the loop must run it.</summary>
    Lua,
    /// <summary>A native function ran to completion; its results are in place.</summary>
    NativeDone,
    /// <summary>A native function suspended the coroutine.</summary>
    Yielded,
}

/// <summary>
/// The register VM (lvm.c + ldo.c): one loop runs Lua frames of a thread; a Lua call pushes a
/// frame and continues in the same loop, a return pops it. Only calls made by native code (a
/// metamethod, a sort comparator) nest the loop on the .NET stack, and those are limited to
/// <see cref="MaxNestedCalls"/> ("C stack overflow").
/// </summary>
internal static partial class Interpreter
{
    /// <summary>Nested native-to-Lua calls allowed (LUAI_MAXCCALLS).</summary>
    public const int MaxNestedCalls = 200;

    /// <summary>
    /// The "C" levels in use, as lua5.1's nCcalls counts them: native-to-Lua calls and resumes
    /// (NestedCalls), the pcall/xpcall markers of the running thread and of the threads that
    /// resumed it (each pcall is a lua_call there), and the running thread's metamethod frames.
    /// </summary>
    internal static int CLevels(LuaThread t) => t.State.NestedCalls + t.State.ResumerMarkers + t.ProtectedCount + t.MetaFrameCount;

    /// <summary>
    /// Whether the levels in use, the new one included, reach lua5.1's limit. The +1 is lua.c's
    /// own protected call around the script (lua_cpcall of pmain), which the chunk's level
    /// includes there and Kraken's host call does not: so the same scripts fail at the same depth.
    /// </summary>
    internal static bool TooManyCLevels(LuaThread t) => CLevels(t) + 1 >= MaxNestedCalls;

    // ---- calls from C# ----

    /// <summary>
    /// Calls the function at stack[funcIndex] with the arguments above it up to Top. Results end
    /// up at funcIndex (adjusted to <paramref name="wanted"/> unless it is -1); returns their number.
    /// </summary>
    public static int Call(LuaThread t, int funcIndex, int wanted)
    {
        var state = t.State;
        state.NestedCalls++;
        if (TooManyCLevels(t))
        {
            state.NestedCalls--;
            throw Errors.RuntimeError(t, "C stack overflow");
        }
        int frameLevel = t.FrameCount;
        t.NestedExecutions++;
        try
        {
            var kind = Precall(t, funcIndex, wanted);
            if (kind == CallKind.Lua)
            {
                // a compiled function (a sort comparator, a gsub callback...) runs without a loop of its own
                if (t.HookMask == 0 && t.Frames[t.FrameCount - 1].Closure!.Proto.Compiled is not null)
                    CallDirect(t, t.Frames[t.FrameCount - 1].Closure!);
                else
                {
                    t.Frames[t.FrameCount - 1].Flags |= FrameFlags.Entry;
                    Execute(t);
                }
            }
            else if (kind == CallKind.Yielded)
            {
                throw Errors.RuntimeError(t, "attempt to yield across metamethod/C-call boundary");
            }
            return t.Top - funcIndex;
        }
        catch (Exception e) when (e is LuaException or InvalidProgramException)
        {
            t.FrameCount = frameLevel;
            RecountFrames(t);
            t.CloseUpValues(funcIndex);
            throw;
        }
        catch (Exception e) when (e is not LuaExitException)
        {
            // compiled code called directly has no Execute around it to catch a VM bug
            t.FrameCount = frameLevel;
            RecountFrames(t);
            t.CloseUpValues(funcIndex);
            throw InternalError(t, e);
        }
        finally
        {
            state.NestedCalls--;
            t.NestedExecutions--;
        }
    }

    /// <summary>Calls a metamethod with two arguments and returns its first result (or nothing when results is 0).</summary>
    public static LuaValue CallMeta(LuaThread t, in LuaValue f, in LuaValue a, in LuaValue b, int results = 1)
    {
        bool asFrame = t.MetaFrameAllowed;
        t.MetaFrameAllowed = false; // only the first metamethod an opcode reaches, never one a native calls
        int top = t.Top;
        if (asFrame && f.Obj is LuaClosure closure)
        {
            t.EnsureStack(4);
            t.Stack[top] = f;
            t.Stack[top + 1] = a;
            t.Stack[top + 2] = b;
            t.Top = top + 3;
            PushMetamethodFrame(t, closure, top, results);
            return LuaValue.Nil;
        }
        t.EnsureStack(4);
        var stack = t.Stack;
        stack[top] = f;
        stack[top + 1] = a;
        stack[top + 2] = b;
        t.Top = top + 3;
        Call(t, top, results);
        var r = results > 0 ? t.Stack[top] : LuaValue.Nil;
        t.Top = top;
        return r;
    }

    /// <summary>Calls a metamethod with three arguments (__newindex).</summary>
    public static void CallMeta(LuaThread t, in LuaValue f, in LuaValue a, in LuaValue b, in LuaValue c, int results)
    {
        bool asFrame = t.MetaFrameAllowed;
        t.MetaFrameAllowed = false;
        int top = t.Top;
        if (asFrame && f.Obj is LuaClosure closure)
        {
            t.EnsureStack(5);
            t.Stack[top] = f;
            t.Stack[top + 1] = a;
            t.Stack[top + 2] = b;
            t.Stack[top + 3] = c;
            t.Top = top + 4;
            PushMetamethodFrame(t, closure, top, results);
            return;
        }
        t.EnsureStack(5);
        var stack = t.Stack;
        stack[top] = f;
        stack[top + 1] = a;
        stack[top + 2] = b;
        stack[top + 3] = c;
        t.Top = top + 4;
        Call(t, top, results);
        t.Top = top;
    }

    // ---- entering and leaving functions ----

    /// <summary>
    /// Starts a call of stack[funcIndex] with arguments up to Top (luaD_precall): pushes a Lua
    /// frame, or runs a native function to completion, or resolves __call.
    /// </summary>
    public static CallKind Precall(LuaThread t, int funcIndex, int wanted)
    {
        var fv = t.Stack[funcIndex];
        if (fv.Obj is LuaClosure cl) return PrecallLua(t, cl, funcIndex, wanted);
        if (fv.Obj is NativeFunction nf) return CallNative(t, nf, funcIndex, wanted);
        InsertCallMetamethod(t, funcIndex, fv);
        return Precall(t, funcIndex, wanted);
    }

    private static void InsertCallMetamethod(LuaThread t, int funcIndex, in LuaValue fv)
    {
        var tm = Metamethods.GetByObject(t.State, fv, TagMethod.Call);
        // ldo.c's tryfuncTM: only a function answers __call (a callable table there is not called)
        if (!tm.IsFunction) throw Errors.TypeError(t, fv, "call", funcIndex, absolute: true);
        t.EnsureStack(1);
        var stack = t.Stack;
        for (int i = t.Top; i > funcIndex; i--) stack[i] = stack[i - 1];
        t.Top++;
        stack[funcIndex] = tm;
    }

    private static CallKind PrecallLua(LuaThread t, LuaClosure cl, int funcIndex, int wanted)
    {
        var p = cl.Proto;
        if (--p.HotCountdown == 0) JitCompiler.OnHot(t.State, p);
        int nargs = t.Top - funcIndex - 1;
        t.EnsureStackSize(t.Top + p.MaxStackSize + p.NumParams + 8);
        var stack = t.Stack;
        int @base, varargBase = 0, varargCount = 0;
        int numParams = p.NumParams;
        if (!p.IsVararg)
        {
            @base = funcIndex + 1;
            for (int i = nargs; i < numParams; i++) stack[@base + i] = default;
        }
        else
        {
            // lua5.1's adjust_varargs: the fixed parameters move above the actual arguments,
            // which stay where they are as the varargs.
            for (; nargs < numParams; nargs++) stack[funcIndex + 1 + nargs] = default;
            @base = funcIndex + 1 + nargs;
            varargBase = funcIndex + 1 + numParams;
            varargCount = nargs - numParams;
            for (int i = 0; i < numParams; i++)
            {
                stack[@base + i] = stack[funcIndex + 1 + i];
                stack[funcIndex + 1 + i] = default;
            }
            if (p.NeedsArgTable)
            {
                var arg = new LuaTable(varargCount, 1);
                for (int i = 0; i < varargCount; i++) arg.SetInt(i + 1, stack[varargBase + i]);
                arg.Set("n", varargCount);
                stack[@base + numParams] = arg;
                numParams++;
            }
        }
        int frameTop = @base + p.MaxStackSize;
        // default, not LuaValue.Nil: a known null reference is stored without a GC write barrier
        for (int i = @base + numParams; i < frameTop; i++) stack[i] = default;
        t.PushLuaFrame(cl, funcIndex, @base, wanted, varargBase, varargCount);
        t.Top = frameTop;
        if (t.HookMask != 0) Hooks.OnCall(t);
        return CallKind.Lua;
    }

    private static CallKind CallNative(LuaThread t, NativeFunction nf, int funcIndex, int wanted)
    {
        int nargs = t.Top - funcIndex - 1;
        t.PushNativeFrame(nf, funcIndex, wanted);
        t.EnsureStack(20); // LUA_MINSTACK
        if (t.HookMask != 0) Hooks.OnCall(t);
        int n = nf.Invoke(new CallContext(t, funcIndex + 1, nargs, nf));
        if (n <= CallContext.YieldMarker) return Yield(t, CallContext.YieldMarker - n);
        if (t.HookMask != 0) Hooks.OnReturn(t);
        PostCall(t, t.Top - n, n);
        return CallKind.NativeDone;
    }

    /// <summary>A native function asked to suspend the running coroutine with the top <paramref name="count"/> values.</summary>
    private static CallKind Yield(LuaThread t, int count)
    {
        // lua5.1 gives this message for the main thread too (it counts as inside a C call)
        if (!t.CollectInNative && (ReferenceEquals(t, t.State.MainThread) || t.NestedExecutions > 0))
            throw Errors.RuntimeError(t, "attempt to yield across metamethod/C-call boundary");
        // the values stay where they are, just above the new top, until the resumer takes them
        t.Top -= count;
        t.YieldFirst = t.Top;
        t.YieldCount = count;
        t.SuspendedInNative = true;
        return CallKind.Yielded;
    }

    /// <summary>
    /// Finishes a call (luaD_poscall): moves <paramref name="count"/> results from
    /// <paramref name="first"/> to the function's slot, adjusted to what the caller wanted, and
    /// pops the frame. Top ends just after the results.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PostCall(LuaThread t, int first, int count)
    {
        ref CallFrame f = ref t.Frames[--t.FrameCount];
        int res = f.FuncIndex;
        int wanted = f.WantedResults;
        var stack = t.Stack;
        if (wanted < 0)
        {
            if (res != first) Array.Copy(stack, first, stack, res, count);
            t.Top = res + count;
            return;
        }
        int i = 0;
        int copy = Math.Min(count, wanted);
        for (; i < copy; i++) stack[res + i] = stack[first + i];
        for (; i < wanted; i++) stack[res + i] = default;
        t.Top = res + wanted;
    }

    /// <summary>Completes a pcall/xpcall marker whose protected call returned normally: true, results...</summary>
    internal static void FinishProtectedCall(LuaThread t)
    {
        ref CallFrame marker = ref t.Frames[t.FrameCount - 1];
        int func = marker.FuncIndex;
        int count = t.Top - (func + 1);
        t.Stack[func] = LuaValue.True;
        PostCall(t, func, count + 1);
        t.ProtectedCount--;
    }

    /// <summary>
    /// Completes every pcall/xpcall marker now on top of the frames (a protected call's function
    /// returned or failed into it, and a marker completed that way returns into the one below in
    /// pcall(pcall, f)). Returns the results wanted by the last one completed, or
    /// <paramref name="wanted"/> when there was none: the caller's KeepTopOnce is that &lt; 0.
    /// </summary>
    internal static int FinishProtectedCalls(LuaThread t, int wanted)
    {
        while (t.FrameCount > 0 && (t.Frames[t.FrameCount - 1].Flags & FrameFlags.Protected) != 0)
        {
            wanted = t.Frames[t.FrameCount - 1].WantedResults;
            FinishProtectedCall(t);
        }
        return wanted;
    }

    // ---- the loop ----

    /// <summary>
    /// Runs the thread's top Lua frame and everything it calls, until the frame marked
    /// <see cref="FrameFlags.Entry"/> returns, or the coroutine yields.
    /// </summary>
    public static ExecResult Execute(LuaThread t)
    {
        int entryLevel = t.FrameCount - 1;
        while (entryLevel > 0 && (t.Frames[entryLevel].Flags & FrameFlags.Entry) == 0) entryLevel--;
        var state = t.State;
        while (true)
        {
            try
            {
                // t, or a coroutine that a resume in the loop switched to (Coroutines.TryResumeInLoop)
                var result = Run(state.CurrentThread);
                var current = state.CurrentThread;
                if (result == ExecResult.Yielded && current.CollectInNative)
                {
                    CollectForSuspendedNative(current);
                    continue;
                }
                if (result != ExecResult.CollectRequested) return result;
                current.PendingCollect = false;
                state.Gc.FullCollect(state, current);
                // pcall(collectgarbage) left its marker waiting for the collection's outcome
                current.KeepTopOnce = FinishProtectedCalls(current, current.KeepTopOnce ? -1 : 0) < 0;
            }
            catch (LuaException e)
            {
                var escaping = HandleError(t, e, entryLevel);
                if (escaping is not null) throw escaping;
            }
            catch (Exception e) when (e is not LuaExitException and not InvalidProgramException)
            {
                var escaping = HandleError(t, InternalError(state.CurrentThread, e), entryLevel);
                if (escaping is not null) throw escaping;
            }
        }
    }

    /// <summary>
    /// Takes the coroutine's <see cref="LuaThread.PendingLeave"/> (see Interpreter.RunResumed),
    /// with the KeepTopOnce its code had set; raises again the error that code raised.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int TakePendingLeave(LuaThread t)
    {
        int left = t.PendingLeave;
        t.PendingLeave = LuaThread.NoPendingLeave;
        t.KeepTopOnce = t.PendingKeepTop;
        if (left == JitCompiler.LeaveRaised)
        {
            var error = t.PendingError!;
            t.PendingError = null;
            error.Throw();
        }
        return left;
    }

    /// <summary>A bug in the VM or a library must never crash the process: it becomes a Lua error.</summary>
    private static LuaException InternalError(LuaThread t, Exception e)
    {
        string detail = Environment.GetEnvironmentVariable("KRAKEN_DEBUG") == "1" ? e.ToString() : e.Message;
        return Errors.RuntimeError(t, $"internal error ({e.GetType().Name}: {detail})");
    }

    /// <summary>
    /// The running thread yielded. When a resume in this loop started it, returns its resumer,
    /// which continues (the loop's thread must not be passed by reference: the JIT would keep it
    /// in memory for the whole loop); null when the loop must return.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static LuaThread? SwitchToResumer(LuaThread t)
    {
        if (t.InLoopResumer is null || t.CollectInNative) return null;
        return Coroutines.SwitchBack(t, returned: false);
    }

    /// <summary>
    /// An error left Run. When it was raised in a coroutine that this loop resumed, a pcall in
    /// that coroutine catches it, or the coroutine dies and its resumer gets the error (see
    /// Coroutines.AbandonInLoop), and so on down to <paramref name="t"/>, whose pcalls above
    /// <paramref name="entryLevel"/> come last. Returns null when the error was caught (the loop
    /// goes on with the current thread), else the error that leaves Execute.
    /// </summary>
    private static LuaException? HandleError(LuaThread t, LuaException e, int entryLevel)
    {
        var current = t.State.CurrentThread;
        while (!ReferenceEquals(current, t) && current.InLoopResumer is not null)
        {
            if (Recover(current, e, 0)) return null;
            (current, var raise) = Coroutines.AbandonInLoop(current, e);
            if (raise is null) return null;
            e = raise;
        }
        return Recover(t, e, entryLevel) ? null : e;
    }

    /// <summary>Closes an opcode's metamethod slow path; true when a metamethod frame was pushed (re-enter the loop there).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool EndMetamethodSlowPath(LuaThread t)
    {
        t.MetaFrameAllowed = false;
        if (!t.MetaFramePushed) return false;
        t.MetaFramePushed = false;
        return true;
    }

    /// <summary>
    /// Beyond 5.1: a Lua metamethod reached by an opcode runs as a frame of the same loop (so it
    /// can yield); the opcode is finished when it returns (<see cref="FinishMetamethod"/>).
    /// </summary>
    private static void PushMetamethodFrame(LuaThread t, LuaClosure closure, int func, int results)
    {
        // lua5.1 runs metamethods on the C stack: 200 nested ones are "C stack overflow"; so here
        t.MetaFrameCount++;
        if (TooManyCLevels(t))
        {
            t.MetaFrameCount--;
            throw Errors.RuntimeError(t, "C stack overflow");
        }
        PrecallLua(t, closure, func, results);
        ref CallFrame frame = ref t.Frames[t.FrameCount - 1];
        frame.Flags |= FrameFlags.FinishMetamethod | (t.MetaNegate ? FrameFlags.NegateResult : FrameFlags.None);
        t.MetaFramePushed = true;
    }

    /// <summary>
    /// The rest of the opcode whose metamethod ran as a frame: store the result in R(A), or for
    /// a comparison take the jump as the result says (negated for __le done through __lt).
    /// </summary>
    private static void FinishMetamethod(LuaThread t, int resultSlot, FrameFlags flags)
    {
        t.MetaFrameCount--;
        ref CallFrame caller = ref t.Frames[t.FrameCount - 1];
        var p = caller.Closure!.Proto;
        var code = p.Code;
        int pc = caller.SavedPc;
        uint i = code[pc - 1];
        var result = t.Stack[resultSlot];
        switch (Op(i))
        {
            case OpCode.Eq:
            case OpCode.Lt:
            case OpCode.Le:
                bool truth = result.IsTruthy != ((flags & FrameFlags.NegateResult) != 0);
                if (truth == (A(i) != 0)) pc += SBx(code[pc]) + 1;
                else pc++;
                caller.SavedPc = pc;
                break;
            case OpCode.SetTable:
            case OpCode.SetGlobal:
                break;
            case OpCode.Concat:
                // The metamethod was called just above the operands left (Metamethods.Concat):
                // its result replaces the last two; concatenate what remains, which may push
                // another metamethod frame (then this opcode finishes when that one returns).
                int first = caller.Base + B(i);
                int last = resultSlot - 2;
                t.Stack[last] = result;
                t.Top = caller.Base + p.MaxStackSize;
                if (last > first)
                {
                    t.MetaFrameAllowed = true;
                    Metamethods.Concat(t, first, last);
                    if (EndMetamethodSlowPath(t)) return;
                }
                t.Stack[caller.Base + A(i)] = t.Stack[first];
                return;
            default: // GETTABLE, GETGLOBAL, SELF, arithmetic, UNM, LEN
                t.Stack[caller.Base + A(i)] = result;
                break;
        }
        t.Top = caller.Base + p.MaxStackSize;
    }

    /// <summary>
    /// The rest of a TFORLOOP whose iterator ran as a frame of its own (and may have yielded):
    /// the results are in place; continue the loop (jump back) unless the first one is nil.
    /// </summary>
    internal static void FinishTForLoop(LuaThread t)
    {
        ref CallFrame caller = ref t.Frames[t.FrameCount - 1];
        var p = caller.Closure!.Proto;
        var code = p.Code;
        int pc = caller.SavedPc;
        int cb = caller.Base + A(code[pc - 1]) + 3;
        t.Top = caller.Base + p.MaxStackSize;
        if (!t.Stack[cb].IsNil)
        {
            t.Stack[cb - 1] = t.Stack[cb];
            pc += SBx(code[pc]) + 1;
        }
        else pc++;
        caller.SavedPc = pc;
    }

    /// <summary>
    /// collectgarbage("collect") suspended its native frame (see GarbageCollector.RequestFullCollect):
    /// collect now, with no interpreter frame of .NET holding stale values, then finish the call
    /// with its result 0, and the pcall markers right below it, as a resume would.
    /// </summary>
    private static void CollectForSuspendedNative(LuaThread t)
    {
        t.CollectInNative = false;
        t.SuspendedInNative = false;
        t.State.Gc.FullCollect(t.State, t); // a __gc error unwinds to the nearest pcall, as in lua5.1
        t.EnsureStack(1);
        t.Stack[t.Top++] = 0;
        int wanted = t.Frames[t.FrameCount - 1].WantedResults;
        PostCall(t, t.Top - 1, 1);
        t.KeepTopOnce = FinishProtectedCalls(t, wanted) < 0;
    }

    /// <summary>
    /// Unwinds to the nearest pcall/xpcall marker above <paramref name="entryLevel"/>; returns false
    /// when there is none (the error leaves this loop).
    /// </summary>
    private static bool Recover(LuaThread t, LuaException e, int entryLevel)
    {
        t.MetaFrameAllowed = t.MetaFramePushed = t.MetaNegate = false;
        try
        {
            return Unwind(t, e, entryLevel);
        }
        finally
        {
            RecountFrames(t);
        }
    }

    /// <summary>After frames were dropped by an error: how many metamethod frames and pcall markers are left.</summary>
    internal static void RecountFrames(LuaThread t)
    {
        int meta = 0, markers = 0;
        for (int i = 0; i < t.FrameCount; i++)
        {
            var flags = t.Frames[i].Flags;
            if ((flags & FrameFlags.FinishMetamethod) != 0) meta++;
            if ((flags & FrameFlags.Protected) != 0) markers++;
        }
        t.MetaFrameCount = meta;
        t.ProtectedCount = markers;
    }

    private static bool Unwind(LuaThread t, LuaException e, int entryLevel)
    {
        int j = t.FrameCount - 1;
        while (j > entryLevel && (t.Frames[j].Flags & FrameFlags.Protected) == 0) j--;
        if (j <= entryLevel)
        {
            if (e.LuaTraceback is null && (t.CaptureTraceback || ReferenceEquals(t, t.State.MainThread)) && !HasProtectedFrame(t))
                e.LuaTraceback = DebugInfo.Traceback(t, t.FrameCount - 1);
            return false;
        }
        ref CallFrame marker = ref t.Frames[j];
        var value = e.Value;
        if ((marker.Flags & FrameFlags.HasHandler) != 0)
        {
            var handler = marker.Handler;
            bool wasHandling = t.HandlingError;
            t.HandlingError = true;
            try
            {
                value = CallHandler(t, handler, value);
            }
            catch (LuaException)
            {
                value = "error in error handling";
            }
            finally
            {
                t.HandlingError = wasHandling;
            }
        }
        marker = ref t.Frames[j];
        int func = marker.FuncIndex;
        int wanted = marker.WantedResults;
        t.CloseUpValues(func + 1);
        t.FrameCount = j + 1;
        t.Stack[func] = LuaValue.False;
        t.Stack[func + 1] = value;
        PostCall(t, func, 2);
        // pcall(xpcall, f, h): the failed xpcall returns into the pcall, which completes too
        t.KeepTopOnce = FinishProtectedCalls(t, wanted) < 0;
        return true;
    }

    /// <summary>xpcall's message handler, called with the error value alone (as ldo.c's luaD_throw path does); its first result.</summary>
    private static LuaValue CallHandler(LuaThread t, in LuaValue handler, in LuaValue error)
    {
        t.MetaFrameAllowed = false; // as CallMeta: the handler runs to completion here
        int top = t.Top;
        t.EnsureStack(3);
        t.Stack[top] = handler;
        t.Stack[top + 1] = error;
        t.Top = top + 2;
        Call(t, top, 1);
        var result = t.Stack[top];
        t.Top = top;
        return result;
    }

    private static bool HasProtectedFrame(LuaThread t)
    {
        for (int i = 0; i < t.FrameCount; i++)
            if ((t.Frames[i].Flags & FrameFlags.Protected) != 0) return true;
        return false;
    }


    private static ExecResult Run(LuaThread t)
    {
        // After a return (or a resume) into a call that wanted all results, Top marks their end
        // and must survive until the next instruction consumes them.
        bool keepTop;
        int pc;
        int interpretAt = -1; // see PendingLeave below
        // Compiled code leaves an instruction it has no fast path for to the interpreter; once
        // that one instruction has run, the frame goes back to its compiled code (so a VARARG or
        // a CLOSURE does not leave the rest of the function interpreted). 2: the left instruction
        // is next; 1: it has run; 0: nothing to go back to.
        int backToCompiled = 0;
    switched: // t is the thread to run: the one given, or one a resume in this loop switched to
        keepTop = t.KeepTopOnce;
        t.KeepTopOnce = false;
        if (keepTop && t.PendingLeave != LuaThread.NoPendingLeave)
        {
            // a resume from compiled code ran this coroutine's compiled code, which returned
            // this (RunResumed): act on it as if this loop had called that code
            pc = TakePendingLeave(t);
            if (pc < 0)
            {
                keepTop = false;
                goto compiledLeft;
            }
            interpretAt = pc; // the code stopped mid-frame: interpret from there, Top as it left it
        }
    reentry:
        backToCompiled = 0;
        int fi = t.FrameCount - 1;
        var frames = t.Frames;
        var cl = frames[fi].Closure!;
        var p = cl.Proto;
        var code = p.Code;
        var k = p.Constants;
        int @base = frames[fi].Base;
        pc = frames[fi].SavedPc;
        var stack = t.Stack;
        if (!keepTop) t.Top = @base + p.MaxStackSize;
        else if (interpretAt >= 0)
        {
            pc = interpretAt;
            interpretAt = -1;
            keepTop = false;
            goto interpret;
        }
        keepTop = false;
        // compiled code runs the frame as far as it can; the interpreter goes on from there
        if (p.Compiled is null || t.HookMask != 0) goto interpret;
    enterCompiled: // at the pc the frame is at (reentry), or a backward jump's target
        pc = p.Compiled!(t, ref stack[@base], @base, cl, pc);
        stack = t.Stack;
        frames = t.Frames;
        if (pc < 0) goto compiledLeft;
        backToCompiled = 2;
    interpret:
        while (true)
        {
            if (backToCompiled != 0 && --backToCompiled == 0 && t.HookMask == 0) goto enterCompiled;
            uint i = code[pc++];
            if (t.HookMask != 0)
            {
                Hooks.BeforeInstruction(t, fi, pc - 1);
                stack = t.Stack;
                frames = t.Frames;
            }
            frames[fi].SavedPc = pc;
            int a = A(i);
            switch (Op(i))
            {
                case OpCode.Move:
                    stack[@base + a] = stack[@base + B(i)];
                    break;
                case OpCode.LoadK:
                    stack[@base + a] = k[Bx(i)];
                    break;
                case OpCode.LoadBool:
                    stack[@base + a] = B(i) != 0 ? LuaValue.True : LuaValue.False;
                    if (C(i) != 0) pc++;
                    break;
                case OpCode.LoadNil:
                    for (int r = a, last = B(i); r <= last; r++) stack[@base + r] = default;
                    break;
                case OpCode.GetUpval:
                    stack[@base + a] = cl.UpValues[B(i)].Value;
                    break;
                case OpCode.GetGlobal:
                {
                    var key = k[Bx(i)];
                    var env = cl.Env;
                    var v = env.GetStr((LuaString)key.Obj!);
                    if (v.IsNil && env.Metatable is not null)
                    {
                        t.MetaFrameAllowed = true; // a Lua metamethod may run as a frame of this loop (and yield)
                        v = IndexSlow(t, env, key, -1);
                        stack = t.Stack;
                        if (EndMetamethodSlowPath(t)) goto reentry;
                    }
                    stack[@base + a] = v;
                    break;
                }
                case OpCode.GetTable:
                {
                    int b = B(i), c = C(i);
                    var rb = stack[@base + b];
                    var key = IsConstant(c) ? k[ConstantIndex(c)] : stack[@base + c];
                    if (rb.Obj is LuaTable tb)
                    {
                        var v = key.Obj is LuaString ks ? tb.GetStr(ks) : key.IsNumber ? tb.GetNumber(key.Num) : RawGetSlow(tb, key);
                        if (v.IsNil && tb.Metatable is not null)
                        {
                            t.MetaFrameAllowed = true; // a Lua metamethod may run as a frame of this loop (and yield)
                            v = IndexSlow(t, rb, key, b);
                            stack = t.Stack;
                            if (EndMetamethodSlowPath(t)) goto reentry;
                        }
                        stack[@base + a] = v;
                    }
                    else
                    {
                        t.MetaFrameAllowed = true; // a Lua metamethod may run as a frame of this loop (and yield)
                        var v = IndexSlow(t, rb, key, b);
                        stack = t.Stack;
                        if (EndMetamethodSlowPath(t)) goto reentry;
                        stack[@base + a] = v;
                    }
                    break;
                }
                case OpCode.SetGlobal:
                {
                    var key = k[Bx(i)];
                    var env = cl.Env;
                    if (env.Metatable is null) env.SetStr((LuaString)key.Obj!, stack[@base + a]);
                    else
                    {
                        t.MetaFrameAllowed = true; // a Lua metamethod may run as a frame of this loop (and yield)
                        SetIndexSlow(t, env, key, stack[@base + a], -1);
                        stack = t.Stack;
                        if (EndMetamethodSlowPath(t)) goto reentry;
                    }
                    break;
                }
                case OpCode.SetUpval:
                    cl.UpValues[B(i)].Value = stack[@base + a];
                    break;
                case OpCode.SetTable:
                {
                    int b = B(i), c = C(i);
                    var ra = stack[@base + a];
                    var key = IsConstant(b) ? k[ConstantIndex(b)] : stack[@base + b];
                    var val = IsConstant(c) ? k[ConstantIndex(c)] : stack[@base + c];
                    if (ra.Obj is LuaTable ta && ta.Metatable is null)
                    {
                        if (key.Obj is LuaString ks) ta.SetStr(ks, val);
                        else if (key.IsNumber && !double.IsNaN(key.Num)) SetNumberSlow(ta, key.Num, val);
                        else RawSetSlow(t, ta, key, val);
                    }
                    else
                    {
                        t.MetaFrameAllowed = true; // a Lua metamethod may run as a frame of this loop (and yield)
                        SetIndexSlow(t, ra, key, val, a);
                        stack = t.Stack;
                        if (EndMetamethodSlowPath(t)) goto reentry;
                    }
                    break;
                }
                case OpCode.NewTable:
                    stack[@base + a] = new LuaTable(FloatByteToInt(B(i)), FloatByteToInt(C(i)));
                    break;
                case OpCode.Self:
                {
                    int b = B(i), c = C(i);
                    var rb = stack[@base + b];
                    var key = IsConstant(c) ? k[ConstantIndex(c)] : stack[@base + c];
                    stack[@base + a + 1] = rb;
                    LuaValue v;
                    if (rb.Obj is LuaTable tb && key.Obj is LuaString ks && !(v = tb.GetStr(ks)).IsNil) { }
                    else if (key.Obj is LuaString name && rb.Obj is LuaString or LuaUserdata
                        && !(v = Metamethods.MethodOf(rb.Obj is LuaUserdata ud ? ud.Metatable : t.State.StringMetatable, name)).IsNil) { }
                    else
                    {
                        t.MetaFrameAllowed = true; // a Lua metamethod may run as a frame of this loop (and yield)
                        v = IndexSlow(t, rb, key, b);
                        stack = t.Stack;
                        if (EndMetamethodSlowPath(t)) goto reentry;
                    }
                    stack[@base + a] = v;
                    break;
                }
                case OpCode.Add:
                {
                    int b = B(i), c = C(i);
                    var rb = IsConstant(b) ? k[ConstantIndex(b)] : stack[@base + b];
                    var rc = IsConstant(c) ? k[ConstantIndex(c)] : stack[@base + c];
                    if (rb.IsNumber && rc.IsNumber) LuaValue.StoreNumber(ref stack[@base + a], rb.Num + rc.Num);
                    else
                    {
                        t.MetaFrameAllowed = true; // a Lua metamethod may run as a frame of this loop (and yield)
                        var v = ArithSlow(t, i, rb, rc);
                        stack = t.Stack;
                        if (EndMetamethodSlowPath(t)) goto reentry;
                        stack[@base + a] = v;
                    }
                    break;
                }
                case OpCode.Sub:
                {
                    int b = B(i), c = C(i);
                    var rb = IsConstant(b) ? k[ConstantIndex(b)] : stack[@base + b];
                    var rc = IsConstant(c) ? k[ConstantIndex(c)] : stack[@base + c];
                    if (rb.IsNumber && rc.IsNumber) LuaValue.StoreNumber(ref stack[@base + a], rb.Num - rc.Num);
                    else
                    {
                        t.MetaFrameAllowed = true; // a Lua metamethod may run as a frame of this loop (and yield)
                        var v = ArithSlow(t, i, rb, rc);
                        stack = t.Stack;
                        if (EndMetamethodSlowPath(t)) goto reentry;
                        stack[@base + a] = v;
                    }
                    break;
                }
                case OpCode.Mul:
                {
                    int b = B(i), c = C(i);
                    var rb = IsConstant(b) ? k[ConstantIndex(b)] : stack[@base + b];
                    var rc = IsConstant(c) ? k[ConstantIndex(c)] : stack[@base + c];
                    if (rb.IsNumber && rc.IsNumber) LuaValue.StoreNumber(ref stack[@base + a], rb.Num * rc.Num);
                    else
                    {
                        t.MetaFrameAllowed = true; // a Lua metamethod may run as a frame of this loop (and yield)
                        var v = ArithSlow(t, i, rb, rc);
                        stack = t.Stack;
                        if (EndMetamethodSlowPath(t)) goto reentry;
                        stack[@base + a] = v;
                    }
                    break;
                }
                case OpCode.Div:
                case OpCode.Mod:
                case OpCode.Pow:
                {
                    int b = B(i), c = C(i);
                    var rb = IsConstant(b) ? k[ConstantIndex(b)] : stack[@base + b];
                    var rc = IsConstant(c) ? k[ConstantIndex(c)] : stack[@base + c];
                    if (rb.IsNumber && rc.IsNumber)
                    {
                        double x = rb.Num, y = rc.Num;
                        LuaValue.StoreNumber(ref stack[@base + a], Op(i) switch
                        {
                            OpCode.Div => x / y,
                            OpCode.Mod => x - Math.Floor(x / y) * y,
                            _ => Math.Pow(x, y),
                        });
                    }
                    else
                    {
                        t.MetaFrameAllowed = true; // a Lua metamethod may run as a frame of this loop (and yield)
                        var v = ArithSlow(t, i, rb, rc);
                        stack = t.Stack;
                        if (EndMetamethodSlowPath(t)) goto reentry;
                        stack[@base + a] = v;
                    }
                    break;
                }
                case OpCode.Unm:
                {
                    int b = B(i);
                    var rb = stack[@base + b];
                    if (rb.IsNumber) LuaValue.StoreNumber(ref stack[@base + a], -rb.Num);
                    else
                    {
                        t.MetaFrameAllowed = true; // a Lua metamethod may run as a frame of this loop (and yield)
                        var v = UnmSlow(t, rb, b);
                        stack = t.Stack;
                        if (EndMetamethodSlowPath(t)) goto reentry;
                        stack[@base + a] = v;
                    }
                    break;
                }
                case OpCode.Not:
                    stack[@base + a] = stack[@base + B(i)].IsFalsy ? LuaValue.True : LuaValue.False;
                    break;
                case OpCode.Len:
                {
                    int b = B(i);
                    var rb = stack[@base + b];
                    LuaValue v;
                    if (rb.Obj is LuaTable tb) v = tb.Length();
                    else if (rb.Obj is LuaString s) v = s.Length;
                    else
                    {
                        t.MetaFrameAllowed = true; // a Lua metamethod may run as a frame of this loop (and yield)
                        v = LengthSlow(t, rb, b);
                        stack = t.Stack;
                        if (EndMetamethodSlowPath(t)) goto reentry;
                    }
                    stack[@base + a] = v;
                    break;
                }
                case OpCode.Concat:
                {
                    int b = B(i);
                    t.MetaFrameAllowed = true; // a Lua __concat may run as a frame of this loop (and yield)
                    Metamethods.Concat(t, @base + b, @base + C(i));
                    if (EndMetamethodSlowPath(t)) goto reentry;
                    stack = t.Stack;
                    stack[@base + a] = stack[@base + b];
                    break;
                }
                case OpCode.Jmp:
                {
                    int offset = SBx(i);
                    pc += offset;
                    if (offset < 0) goto backwardJump;
                    if (t.PendingCollect)
                    {
                        frames[fi].SavedPc = pc;
                        return ExecResult.CollectRequested;
                    }
                    break;
                }
                case OpCode.Eq:
                {
                    int b = B(i), c = C(i);
                    var rb = IsConstant(b) ? k[ConstantIndex(b)] : stack[@base + b];
                    var rc = IsConstant(c) ? k[ConstantIndex(c)] : stack[@base + c];
                    bool eq;
                    if (rb.IsNumber && rc.IsNumber) eq = rb.Num == rc.Num;
                    else if (rb.Obj is LuaString sb && rc.Obj is LuaString sc) eq = ReferenceEquals(sb, sc) || sb.ContentEquals(sc);
                    else
                    {
                        t.MetaFrameAllowed = true;
                        eq = EqualSlow(t, rb, rc);
                        if (EndMetamethodSlowPath(t)) goto reentry;
                        stack = t.Stack;
                    }
                    if (eq == (a != 0))
                    {
                        int jump = SBx(code[pc]);
                        pc += jump + 1;
                        if (jump < 0) goto backwardJump;
                    }
                    else pc++;
                    break;
                }
                case OpCode.Lt:
                {
                    int b = B(i), c = C(i);
                    var rb = IsConstant(b) ? k[ConstantIndex(b)] : stack[@base + b];
                    var rc = IsConstant(c) ? k[ConstantIndex(c)] : stack[@base + c];
                    bool lt;
                    if (rb.IsNumber && rc.IsNumber) lt = rb.Num < rc.Num;
                    else
                    {
                        t.MetaFrameAllowed = true;
                        lt = LessThanSlow(t, rb, rc);
                        if (EndMetamethodSlowPath(t)) goto reentry;
                        stack = t.Stack;
                    }
                    if (lt == (a != 0))
                    {
                        int jump = SBx(code[pc]);
                        pc += jump + 1;
                        if (jump < 0) goto backwardJump;
                    }
                    else pc++;
                    break;
                }
                case OpCode.Le:
                {
                    int b = B(i), c = C(i);
                    var rb = IsConstant(b) ? k[ConstantIndex(b)] : stack[@base + b];
                    var rc = IsConstant(c) ? k[ConstantIndex(c)] : stack[@base + c];
                    bool le;
                    if (rb.IsNumber && rc.IsNumber) le = rb.Num <= rc.Num;
                    else
                    {
                        t.MetaFrameAllowed = true;
                        le = LessEqualSlow(t, rb, rc);
                        if (EndMetamethodSlowPath(t)) goto reentry;
                        stack = t.Stack;
                    }
                    if (le == (a != 0))
                    {
                        int jump = SBx(code[pc]);
                        pc += jump + 1;
                        if (jump < 0) goto backwardJump;
                    }
                    else pc++;
                    break;
                }
                case OpCode.Test:
                    if (stack[@base + a].IsFalsy != (C(i) != 0))
                    {
                        int jump = SBx(code[pc]);
                        pc += jump + 1;
                        if (jump < 0) goto backwardJump;
                    }
                    else pc++;
                    break;
                case OpCode.TestSet:
                {
                    var rb = stack[@base + B(i)];
                    if (rb.IsFalsy != (C(i) != 0))
                    {
                        stack[@base + a] = rb;
                        int jump = SBx(code[pc]);
                        pc += jump + 1;
                        if (jump < 0) goto backwardJump;
                    }
                    else pc++;
                    break;
                }
                case OpCode.Call:
                {
                    int b = B(i);
                    int wanted = C(i) - 1;
                    int func = @base + a;
                    if (b != 0) t.Top = func + b;
                    var callee = stack[func].Obj; // an object, not the 16-byte value: it stays in a register
                    CallKind kind;
                    if (callee is LuaClosure lua) kind = PrecallLua(t, lua, func, wanted);
                    else if (callee is NativeFunction nf)
                    {
                        if (nf.Kind is NativeKind.Ordinary or NativeKind.Yield) kind = CallNative(t, nf, func, wanted);
                        else if (nf.Kind is NativeKind.PCall or NativeKind.XPCall) kind = StartProtectedCall(t, nf, func, wanted);
                        else if (Coroutines.TryResumeInLoop(t, nf, func, wanted) is { } next)
                        {
                            t = next;
                            goto switched;
                        }
                        else kind = CallNative(t, nf, func, wanted); // resume/wrap the ordinary way (an error, a hook)
                    }
                    else kind = Precall(t, func, wanted); // __call
                    if (kind == CallKind.Lua) goto reentry;
                    if (kind == CallKind.Yielded)
                    {
                        if (SwitchToResumer(t) is not { } resumer) return ExecResult.Yielded;
                        t = resumer;
                        goto switched;
                    }
                    stack = t.Stack;
                    frames = t.Frames;
                    if (t.PendingCollect && t.FrameCount - 1 != fi) return ExecResult.CollectRequested; // a pcall marker waits for it
                    if (wanted >= 0) t.Top = @base + p.MaxStackSize;
                    if (t.PendingCollect)
                    {
                        // Registers above the results are dead (lua5.1 does not mark them either).
                        if (wanted >= 0) Array.Clear(stack, func + wanted, t.Top - (func + wanted));
                        t.KeepTopOnce = wanted < 0;
                        return ExecResult.CollectRequested;
                    }
                    break;
                }
                case OpCode.TailCall:
                {
                    int b = B(i);
                    int func = @base + a;
                    if (b != 0) t.Top = func + b;
                    var callee = stack[func].Obj; // an object, not the 16-byte value: it stays in a register
                    if (callee is not LuaClosure)
                    {
                        // Natives (and __call objects resolved below) run as an ordinary call whose
                        // results the following RETURN passes on.
                        CallKind kind;
                        if (callee is NativeFunction nf)
                            kind = nf.Kind is NativeKind.PCall or NativeKind.XPCall ? StartProtectedCall(t, nf, func, -1) : Precall(t, func, -1);
                        else kind = Precall(t, func, -1);
                        if (kind == CallKind.Lua) goto reentry;
                        if (kind == CallKind.Yielded)
                        {
                            if (SwitchToResumer(t) is not { } resumer) return ExecResult.Yielded;
                            t = resumer;
                            goto switched;
                        }
                        stack = t.Stack;
                        frames = t.Frames;
                        break;
                    }
                    TailCallLua(t, (LuaClosure)callee, func);
                    goto reentry;
                }
                case OpCode.Return:
                {
                    int b = B(i);
                    int first = @base + a;
                    int count = b != 0 ? b - 1 : t.Top - first;
                    if (t.OpenUpValues is not null) t.CloseUpValues(@base);
                    if (t.HookMask != 0)
                    {
                        int saveTop = t.Top;
                        t.Top = Math.Max(t.Top, first + count);
                        Hooks.OnReturn(t);
                        t.Top = saveTop;
                        stack = t.Stack;
                    }
                    var flags = frames[fi].Flags;
                    int wantedByCaller = frames[fi].WantedResults;
                    int returnedFunc = frames[fi].FuncIndex;
                    PostCall(t, first, count);
                    if ((flags & FrameFlags.Entry) != 0)
                    {
                        // a coroutine's body returned: a resume in this loop continues its resumer
                        if (t.FrameCount != 0 || t.InLoopResumer is null) return ExecResult.Returned;
                        t = Coroutines.SwitchBack(t, returned: true);
                        goto switched;
                    }
                    if ((flags & FrameFlags.FinishTForLoop) != 0) FinishTForLoop(t);
                    else if ((flags & FrameFlags.FinishMetamethod) != 0) FinishMetamethod(t, returnedFunc, flags);
                    // Returning into a pcall marker completes the pcall, then its caller continues.
                    keepTop = FinishProtectedCalls(t, wantedByCaller) < 0;
                    goto reentry;
                }
                case OpCode.ForLoop:
                {
                    double step = stack[@base + a + 2].Num;
                    double idx = stack[@base + a].Num + step;
                    double limit = stack[@base + a + 1].Num;
                    if (step > 0 ? idx <= limit : limit <= idx)
                    {
                        pc += SBx(i);
                        LuaValue.StoreNumber(ref stack[@base + a], idx);
                        LuaValue.StoreNumber(ref stack[@base + a + 3], idx);
                        goto backwardJump;
                    }
                    break;
                }
                case OpCode.ForPrep:
                {
                    PrepareNumericFor(t, @base + a);
                    pc += SBx(i);
                    break;
                }
                case OpCode.TForLoop:
                {
                    int cb = @base + a + 3;
                    stack[cb + 2] = stack[@base + a + 2];
                    stack[cb + 1] = stack[@base + a + 1];
                    stack[cb] = stack[@base + a];
                    t.Top = cb + 3;
                    // The iterator runs in this loop, like a CALL, so that it can yield (beyond 5.1);
                    // its return finishes this instruction (FinishTForLoop).
                    var iteratorKind = Precall(t, cb, C(i));
                    if (iteratorKind == CallKind.Lua)
                    {
                        t.Frames[t.FrameCount - 1].Flags |= FrameFlags.FinishTForLoop;
                        goto reentry;
                    }
                    if (iteratorKind == CallKind.Yielded)
                    {
                        t.Frames[t.FrameCount - 1].Flags |= FrameFlags.FinishTForLoop;
                        if (SwitchToResumer(t) is not { } resumer) return ExecResult.Yielded;
                        t = resumer;
                        goto switched;
                    }
                    stack = t.Stack;
                    frames = t.Frames;
                    t.Top = @base + p.MaxStackSize;
                    if (!stack[cb].IsNil)
                    {
                        stack[cb - 1] = stack[cb];
                        pc += SBx(code[pc]) + 1;
                    }
                    else pc++;
                    break;
                }
                case OpCode.SetList:
                {
                    int n = B(i);
                    int c = C(i);
                    if (n == 0) n = t.Top - (@base + a) - 1;
                    if (c == 0) c = (int)code[pc++];
                    SetList(t, @base + a, n, c);
                    t.Top = @base + p.MaxStackSize;
                    break;
                }
                case OpCode.Close:
                    t.CloseUpValues(@base + a);
                    break;
                case OpCode.Closure:
                {
                    pc = MakeClosure(t, cl, p.Protos[Bx(i)], pc, @base, a);
                    break;
                }
                case OpCode.VarArg:
                {
                    CopyVarargs(t, fi, @base + a, B(i) - 1, p.MaxStackSize);
                    stack = t.Stack;
                    break;
                }
                default:
                    throw Errors.RuntimeError(t, $"bad opcode {Op(i)}");
            }
            continue;
        backwardJump:
            // every backward jump (JMP, FORLOOP, and a test that jumps back, as at the end of
            // `repeat ... until c`): a loop without calls sees a pending collection here, and the
            // jump counts towards compiling the function and enters its compiled code
            if (t.PendingCollect)
            {
                frames[fi].SavedPc = pc;
                return ExecResult.CollectRequested;
            }
            if (t.HookMask == 0 && (p.Compiled is not null || (--p.HotCountdown == 0 && JitCompiler.OnHot(t.State, p))))
                goto enterCompiled;
        }

    compiledLeft: // compiled code made a call or a return itself, or a native it called yielded or asked for a collection
        switch (pc)
        {
            case JitCompiler.LeaveCalled:
                goto reentry;
            case JitCompiler.LeaveReturned:
                goto switched;
            case JitCompiler.LeaveToCollect:
                return ExecResult.CollectRequested;
            case JitCompiler.LeaveSwitched:
                t = t.State.CurrentThread;
                goto switched;
            default: // LeaveYielded
                if (SwitchToResumer(t) is not { } yieldedTo) return ExecResult.Yielded;
                t = yieldedTo;
                goto switched;
        }
    }

    // ---- opcodes too big or too rare to keep in Run (a smaller Run gets better registers) ----

    /// <summary>TAILCALL of a Lua function: the callee replaces this frame, so tail recursion runs in constant space.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void TailCallLua(LuaThread t, LuaClosure callee, int func)
    {
        if ((t.HookMask & HookMask.Call) != 0 && t.AllowHook)
        {
            TailCallUnderHook(t, callee, func);
            return;
        }
        ref CallFrame current = ref t.Frames[t.FrameCount - 1];
        if (t.OpenUpValues is not null) t.CloseUpValues(current.Base);
        int dest = current.FuncIndex;
        var flags = current.Flags;
        int wantedResults = current.WantedResults;
        int tailCalls = current.TailCalls;
        int count = t.Top - func;
        Array.Copy(t.Stack, func, t.Stack, dest, count);
        t.Top = dest + count;
        t.FrameCount--;
        PrecallLua(t, callee, dest, wantedResults);
        ref CallFrame replaced = ref t.Frames[t.FrameCount - 1];
        replaced.Flags = flags;
        replaced.TailCalls = tailCalls + 1;
    }

    /// <summary>
    /// A tail call while a call hook is set: the callee's frame is first pushed above the caller,
    /// so that the hook sees the caller's TAILCALL instruction (getinfo names the callee, as in
    /// lua5.1's luaD_precall), and then moved down into the caller's place.
    /// </summary>
    private static void TailCallUnderHook(LuaThread t, LuaClosure callee, int func)
    {
        int caller = t.FrameCount - 1;
        if (t.OpenUpValues is not null) t.CloseUpValues(t.Frames[caller].Base);
        int dest = t.Frames[caller].FuncIndex;
        var flags = t.Frames[caller].Flags;
        int wantedResults = t.Frames[caller].WantedResults;
        int tailCalls = t.Frames[caller].TailCalls;
        PrecallLua(t, callee, func, wantedResults); // runs the call hook
        int delta = func - dest;
        Array.Copy(t.Stack, func, t.Stack, dest, t.Top - func);
        t.Top -= delta;
        var moved = t.Frames[t.FrameCount - 1];
        moved.FuncIndex -= delta;
        moved.Base -= delta;
        if (moved.VarargCount > 0) moved.VarargBase -= delta;
        moved.Flags = flags;
        moved.TailCalls = tailCalls + 1;
        t.FrameCount--;
        t.Frames[caller] = moved;
    }

    /// <summary>SETLIST: stores <paramref name="count"/> values above the table into its array part, block <paramref name="block"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SetList(LuaThread t, int tableSlot, int count, int block)
    {
        var stack = t.Stack;
        var table = (LuaTable)stack[tableSlot].Obj!;
        int last = (block - 1) * FieldsPerFlush + count;
        table.EnsureArraySize(last);
        for (; count > 0; count--) table.SetInt(last--, stack[tableSlot + count]);
    }

    /// <summary>CLOSURE: a new closure of <paramref name="proto"/> in R(a); its upvalues come from the pseudo-instructions that follow. Returns the pc after them.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int MakeClosure(LuaThread t, LuaClosure enclosing, Proto proto, int pc, int @base, int a)
    {
        var closure = new LuaClosure(proto, enclosing.Env);
        var code = enclosing.Proto.Code;
        for (int j = 0; j < proto.NumUpvalues; j++)
        {
            uint pseudo = code[pc++];
            closure.UpValues[j] = Op(pseudo) == OpCode.GetUpval ? enclosing.UpValues[B(pseudo)] : t.FindUpValue(@base + B(pseudo));
        }
        t.Stack[@base + a] = closure;
        return pc;
    }

    /// <summary>VARARG: <paramref name="wanted"/> extra arguments (all of them when negative, setting Top) into R(a)...</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CopyVarargs(LuaThread t, int fi, int ra, int wanted, int maxStackSize)
    {
        ref CallFrame f = ref t.Frames[fi];
        int n = f.VarargCount;
        int vb = f.VarargBase;
        if (wanted < 0)
        {
            wanted = n;
            t.EnsureStackSize(ra + n + maxStackSize);
            t.Top = ra + n;
        }
        var stack = t.Stack;
        for (int j = 0; j < wanted; j++) stack[ra + j] = j < n ? stack[vb + j] : default;
    }

    /// <summary>FORPREP: checks and converts the three control values, and steps back once.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void PrepareNumericFor(LuaThread t, int ra)
    {
        // out-parameters here rather than in Run: the JIT would keep Run's doubles in memory
        var stack = t.Stack;
        if (!stack[ra].TryToNumber(out double init)) throw Errors.RuntimeError(t, "'for' initial value must be a number");
        if (!stack[ra + 1].TryToNumber(out double limit)) throw Errors.RuntimeError(t, "'for' limit must be a number");
        if (!stack[ra + 2].TryToNumber(out double step)) throw Errors.RuntimeError(t, "'for' step must be a number");
        stack[ra] = init - step;
        stack[ra + 1] = limit;
        stack[ra + 2] = step;
    }

    // ---- slow paths of the loop ----
    // They take Lua values by value: passing one of Run's locals by reference (an `in`
    // parameter) would make the JIT keep that local in memory on every path of the loop, fast
    // ones included, which costs a third of the time of float-heavy programs.

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static LuaValue IndexSlow(LuaThread t, LuaValue obj, LuaValue key, int register) => Metamethods.Index(t, obj, key, register);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SetIndexSlow(LuaThread t, LuaValue obj, LuaValue key, LuaValue value, int register) =>
        Metamethods.SetIndex(t, obj, key, value, register);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static LuaValue RawGetSlow(LuaTable table, LuaValue key) => table.Get(key);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RawSetSlow(LuaThread t, LuaTable table, LuaValue key, LuaValue value) => Metamethods.RawSet(t, table, key, value);

    private static void SetNumberSlow(LuaTable table, double key, LuaValue value) => table.SetNumber(key, value);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static LuaValue UnmSlow(LuaThread t, LuaValue v, int register) => Metamethods.Arith(t, TagMethod.Unm, v, v, register, register);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static LuaValue LengthSlow(LuaThread t, LuaValue v, int register) => Metamethods.Length(t, v, register);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool EqualSlow(LuaThread t, LuaValue a, LuaValue b) => Metamethods.AreEqual(t, a, b);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool LessThanSlow(LuaThread t, LuaValue a, LuaValue b) => Metamethods.LessThan(t, a, b);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool LessEqualSlow(LuaThread t, LuaValue a, LuaValue b) => Metamethods.LessEqual(t, a, b);

    /// <summary>
    /// Arithmetic on non-numbers: string coercion or metamethods (kept out of the loop). rb and rc
    /// come by value: a reference would make the loop keep its copies in memory on every path.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static LuaValue ArithSlow(LuaThread t, uint i, LuaValue rb, LuaValue rc)
    {
        int b = B(i), c = C(i);
        var tm = (TagMethod)((int)TagMethod.Add + (Op(i) - OpCode.Add));
        return Metamethods.Arith(t, tm, rb, rc, IsConstant(b) ? -1 : b, IsConstant(c) ? -1 : c);
    }

    // ---- pcall / xpcall ----

    /// <summary>
    /// pcall(f, ...) and xpcall(f, handler) from Lua code: a marker frame catches errors, and f
    /// runs as an ordinary call in the same loop (so it may yield).
    /// </summary>
    private static CallKind StartProtectedCall(LuaThread t, NativeFunction nf, int func, int wanted)
    {
        int nargs = t.Top - func - 1;
        var stack = t.Stack;
        LuaValue handler = LuaValue.Nil;
        if (nf.Kind == NativeKind.PCall)
        {
            if (nargs < 1)
            {
                PushNativeFrameForError(t, nf, func);
                throw new CallContext(t, func + 1, nargs, nf).ArgError(1, "value expected");
            }
        }
        else
        {
            if (nargs < 2)
            {
                PushNativeFrameForError(t, nf, func);
                throw new CallContext(t, func + 1, nargs, nf).ArgError(2, "value expected");
            }
            handler = stack[func + 2];
            t.Top = func + 2; // xpcall calls f without arguments
        }
        ref CallFrame marker = ref t.PushFrame();
        marker.Native = nf;
        marker.FuncIndex = func;
        marker.Base = func + 1;
        marker.WantedResults = wanted;
        marker.Flags = FrameFlags.Protected | (nf.Kind == NativeKind.XPCall ? FrameFlags.HasHandler : 0);
        marker.Handler = handler;
        // lua5.1's pcall is a C call (lua_call): at the 200th level it fails inside, so this pcall
        // returns false and the message, without a position
        t.ProtectedCount++;
        if (TooManyCLevels(t)) throw new LuaException("C stack overflow");
        // pcall(xpcall, f, h), pcall(pcall, f): the inner one is a marker too, so that its
        // handler runs with f's frames still there, as every xpcall's does
        var kind = stack[func + 1].Obj is NativeFunction { Kind: NativeKind.PCall or NativeKind.XPCall } inner
            ? StartProtectedCall(t, inner, func + 1, -1)
            : Precall(t, func + 1, -1);
        // With a collection pending (pcall(collectgarbage)), the marker stays until it has run (Execute).
        if (kind == CallKind.NativeDone && !t.PendingCollect) FinishProtectedCall(t);
        return kind;
    }

    private static void PushNativeFrameForError(LuaThread t, NativeFunction nf, int func) => t.PushNativeFrame(nf, func, 0);
}
