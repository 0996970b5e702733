using System.Runtime.CompilerServices;
using LuaVm.Jit;
using LuaVm.Runtime;

namespace LuaVm.Vm;

/// <summary>How a run of the interpreter loop ended.</summary>
internal enum ExecResult
{
    /// <summary>The entry frame returned; its results are at its function slot, up to Top.</summary>
    Returned,
    /// <summary>The running coroutine yielded; the values are at <see cref="ThreadProtocol.YieldFirst"/> on its stack.</summary>
    Yielded,
    /// <summary>collectgarbage deferred a full collection (<see cref="ThreadProtocol.PendingCollect"/>); run it and continue.</summary>
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
/// Entering and leaving functions (ldo.c's job): <see cref="Execute"/> (the loop's entry and
/// what it does when <see cref="Run"/> returns), the calls from C# (<see cref="Call"/>,
/// CallMeta), starting a call (<see cref="Precall"/>), finishing one
/// (<see cref="PostCall"/>), tail calls, yields of natives, Lua metamethods run as frames, and
/// the count of "C" levels. A Lua-to-Lua call pushes a frame and the loop continues with it;
/// only calls made by native code (a metamethod, a sort comparator) nest the loop on the .NET
/// stack, and those are limited to <see cref="MaxNestedCalls"/> ("C stack overflow").
/// <para>
/// Not here: the dispatch loop (Interpreter.cs); pcall/xpcall and error unwinding
/// (Interpreter.Protected.cs); the calls compiled code makes (Interpreter.Compiled.cs);
/// resume and yield between coroutines (Coroutines.cs).
/// </para>
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
    internal static int CLevels(LuaThread t) => t.State.NestedCalls + t.State.ResumerMarkers + t.Protocol.ProtectedCount + t.Protocol.MetaFrameCount;

    /// <summary>
    /// Whether the levels in use, the new one included, reach lua5.1's limit. The +1 is lua.c's
    /// own protected call around the script (lua_cpcall of pmain), which the chunk's level
    /// includes there and Kraken's host call does not: so the same scripts fail at the same depth.
    /// </summary>
    internal static bool TooManyCLevels(LuaThread t) => CLevels(t) + 1 >= MaxNestedCalls;

    // ---- the loop ----

    /// <summary>
    /// Runs the thread's top Lua frame and everything it calls, until the frame marked
    /// <see cref="FrameFlags.Entry"/> returns, or the coroutine yields.
    /// </summary>
    public static ExecResult Execute(LuaThread t, LuaException? raise = null)
    {
        int entryLevel = t.FrameCount - 1;
        while (entryLevel > 0 && (t.Frames[entryLevel].Flags & FrameFlags.Entry) == 0) entryLevel--;
        var state = t.State;
        if (raise is not null)
        {
            // a suspended native's continuation raised this on resume: it unwinds as if raised in the loop
            var escaping = HandleError(t, raise, entryLevel);
            if (escaping is not null) throw escaping;
        }
        while (true)
        {
            try
            {
                // t, or a coroutine that a resume in the loop switched to (Coroutines.TryResumeInLoop)
                var result = Run(state.CurrentThread);
                var current = state.CurrentThread;
                if (result == ExecResult.Yielded && current.Protocol.SuspendedForCollection)
                {
                    CollectForSuspendedNative(current);
                    continue;
                }
                if (result != ExecResult.CollectRequested) return result;
                current.Protocol.PendingCollect = false;
                state.Gc.FullCollect(state, current);
                // pcall(collectgarbage) left its marker waiting for the collection's outcome
                current.Protocol.KeepTopForNextEntry(FinishProtectedCalls(current, current.Protocol.KeepsTop ? -1 : 0) < 0);
            }
            catch (LuaException e)
            {
                var escaping = HandleError(t, e, entryLevel);
                if (escaping is not null) throw escaping;
            }
            catch (Exception e) when (e is not LuaExitException and not InvalidProgramException)
            {
                var escaping = HandleError(t, AsLuaError(state.CurrentThread, e), entryLevel);
                if (escaping is not null) throw escaping;
            }
        }
    }

    /// <summary>
    /// The running thread yielded. When a resume in this loop started it, returns its resumer,
    /// which continues (the loop's thread must not be passed by reference: the JIT would keep it
    /// in memory for the whole loop); null when the loop must return.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static LuaThread? SwitchToResumer(LuaThread t)
    {
        if (t.Protocol.InLoopResumer is null || t.Protocol.SuspendedForCollection) return null;
        return Coroutines.SwitchBack(t, returned: false);
    }

    /// <summary>
    /// collectgarbage("collect") suspended its native frame (see GarbageCollector.RequestFullCollect):
    /// collect now, with no interpreter frame of .NET holding stale values, then finish the call
    /// with its result 0, and the pcall markers right below it, as a resume would.
    /// </summary>
    private static void CollectForSuspendedNative(LuaThread t)
    {
        t.Protocol.TakeCollectionSuspension();
        t.State.Gc.FullCollect(t.State, t); // a __gc error unwinds to the nearest pcall, as in lua5.1
        t.EnsureStack(1);
        t.Stack[t.Top++] = 0;
        int wanted = t.Frames[t.FrameCount - 1].WantedResults;
        PostCall(t, t.Top - 1, 1);
        t.Protocol.KeepTopForNextEntry(FinishProtectedCalls(t, wanted) < 0);
    }

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
        t.Protocol.NestedExecutions++;
        try
        {
            RunToReturn(t, Precall(t, funcIndex, wanted));
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
            throw AsLuaError(t, e);
        }
        finally
        {
            state.NestedCalls--;
            t.Protocol.NestedExecutions--;
        }
    }

    /// <summary>
    /// A native's call into Lua, once <paramref name="kind"/> says what Precall did: the Lua frame
    /// it pushed runs to its return on the .NET stack, a compiled function without a loop of its
    /// own (a sort comparator, a gsub callback...). A native callee that yielded cannot: lua5.1's
    /// error.
    /// </summary>
    private static void RunToReturn(LuaThread t, CallKind kind)
    {
        if (kind == CallKind.Lua)
        {
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
    }

    /// <summary>
    /// Calls a metamethod (or a sort comparator) with two arguments and returns its first result
    /// (or nothing when results is 0), without arrays (<see cref="CallWithArguments"/>). From an
    /// opcode's slow path the first Lua metamethod runs as a frame of the loop instead
    /// (<see cref="PushMetamethodFrame"/>).
    /// </summary>
    public static LuaValue CallMeta(LuaThread t, in LuaValue f, in LuaValue a, in LuaValue b, int results = 1)
    {
        if (t.Protocol.TakeMetaFrameAllowed() && f.Obj is LuaClosure closure)
        {
            PushMetamethodFrame(t, closure, PushCall(t, f, a, b, default, 2), results);
            return LuaValue.Nil;
        }
        return CallWithArguments(t, f, a, b, 2, results);
    }

    /// <summary>
    /// A native's call of a function with one or two arguments (<paramref name="count"/>) for
    /// its first result (or nothing when results is 0), without arrays: a metamethod, a sort
    /// comparator, a gsub replacement function.
    /// </summary>
    public static LuaValue CallWithArguments(LuaThread t, in LuaValue f, in LuaValue a, in LuaValue b, int count, int results = 1)
    {
        int top = PushCall(t, f, a, b, default, count);
        Call(t, top, results);
        var r = results > 0 ? t.Stack[top] : LuaValue.Nil;
        t.Top = top;
        return r;
    }

    /// <summary>Calls a metamethod with three arguments (__newindex).</summary>
    public static void CallMeta(LuaThread t, in LuaValue f, in LuaValue a, in LuaValue b, in LuaValue c, int results)
    {
        bool asFrame = t.Protocol.TakeMetaFrameAllowed();
        int top = PushCall(t, f, a, b, c, 3);
        if (asFrame && f.Obj is LuaClosure closure)
        {
            PushMetamethodFrame(t, closure, top, results);
            return;
        }
        Call(t, top, results);
        t.Top = top;
    }

    /// <summary>Pushes a function and its first <paramref name="count"/> (1 to 3) arguments at Top; returns the function's slot.</summary>
    private static int PushCall(LuaThread t, in LuaValue f, in LuaValue a, in LuaValue b, in LuaValue c, int count)
    {
        int top = t.Top;
        t.EnsureStack(count + 2);
        var stack = t.Stack;
        stack[top] = f;
        stack[top + 1] = a;
        if (count > 1) stack[top + 2] = b;
        if (count > 2) stack[top + 3] = c;
        t.Top = top + 1 + count;
        return top;
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
        if (!p.IsVararg) PushFixedFrame(t, cl, funcIndex, wanted);
        else PushVarargFrame(t, cl, funcIndex, wanted);
        if (t.HookMask != 0) Hooks.OnCall(t);
        return CallKind.Lua;
    }

    /// <summary>
    /// The frame of a Lua function with fixed parameters, called with the arguments from
    /// <paramref name="funcIndex"/> + 1 to Top: missing parameters, extra arguments and the rest
    /// of the frame become nil, the frame is pushed and Top is the frame's top. Every call path
    /// sets such a frame up here (PrecallLua, and compiled code's direct calls and tail calls).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref CallFrame PushFixedFrame(LuaThread t, LuaClosure cl, int funcIndex, int wanted)
    {
        var p = cl.Proto;
        t.EnsureStackSize(t.Top + p.MaxStackSize + p.NumParams + 8);
        var stack = t.Stack;
        int @base = funcIndex + 1;
        int frameTop = @base + p.MaxStackSize;
        // default, not LuaValue.Nil: a known null reference is stored without a GC write barrier
        for (int i = @base + Math.Min(t.Top - @base, p.NumParams); i < frameTop; i++) stack[i] = default;
        ref CallFrame frame = ref t.PushLuaFrame(cl, funcIndex, @base, wanted, 0, 0);
        t.Top = frameTop;
        return ref frame;
    }

    /// <summary>
    /// The frame of a vararg function, as lua5.1's adjust_varargs leaves it: the fixed parameters
    /// move above the actual arguments, which stay where they are as the varargs (and fill 5.0's
    /// `arg` table, one more parameter, when the function uses it).
    /// </summary>
    private static void PushVarargFrame(LuaThread t, LuaClosure cl, int funcIndex, int wanted)
    {
        var p = cl.Proto;
        int nargs = t.Top - funcIndex - 1;
        t.EnsureStackSize(t.Top + p.MaxStackSize + p.NumParams + 8);
        var stack = t.Stack;
        int numParams = p.NumParams;
        int @base = LayOutVarargs(stack, funcIndex, nargs, numParams);
        int varargBase = funcIndex + 1 + numParams;
        int varargCount = @base - varargBase;
        if (p.NeedsArgTable)
        {
            var arg = new LuaTable(varargCount, 1);
            for (int i = 0; i < varargCount; i++) arg.SetInt(i + 1, stack[varargBase + i]);
            arg.Set("n", varargCount);
            stack[@base + numParams] = arg;
            numParams++;
        }
        int frameTop = @base + p.MaxStackSize;
        for (int i = @base + numParams; i < frameTop; i++) stack[i] = default;
        t.PushLuaFrame(cl, funcIndex, @base, wanted, varargBase, varargCount);
        t.Top = frameTop;
    }

    /// <summary>
    /// The registers of a vararg function called with <paramref name="nargs"/> arguments at
    /// <paramref name="funcIndex"/> + 1 (missing parameters nil): the fixed parameters move above
    /// the arguments, and nil where they were. Returns the frame's base.
    /// </summary>
    internal static int LayOutVarargs(LuaValue[] stack, int funcIndex, int nargs, int numParams)
    {
        int @base = funcIndex + 1 + Math.Max(nargs, numParams);
        LayOutVarargsAt(stack, funcIndex, nargs, numParams, @base);
        return @base;
    }

    /// <summary>
    /// <see cref="LayOutVarargs"/> with the registers at <paramref name="base"/>, at or past the
    /// end of the arguments and parameters (Jit/Inlining.cs's VarargFrame lays an inlined
    /// body's registers out with it).
    /// </summary>
    internal static void LayOutVarargsAt(LuaValue[] stack, int funcIndex, int nargs, int numParams, int @base)
    {
        for (; nargs < numParams; nargs++) stack[funcIndex + 1 + nargs] = default;
        for (int i = 0; i < numParams; i++)
        {
            stack[@base + i] = stack[funcIndex + 1 + i];
            stack[funcIndex + 1 + i] = default;
        }
    }

    /// <summary>
    /// A native's short path (<see cref="NativeFunction.Fast"/>), when no hook is set (it would
    /// see the call) and the short path takes these arguments: its results at
    /// <paramref name="func"/>, as many as the caller wants (all of them, ending at Top, when
    /// <paramref name="wanted"/> is negative). False when the call must be an ordinary one.
    /// </summary>
    internal static bool TryFastCall(LuaThread t, NativeFunction nf, int func, int b, int wanted)
    {
        if (t.HookMask != 0) return false;
        // B = 0: the arguments end at Top (a VARARG or a call's results before them)
        int results = nf.Fast!(t.Stack, func, b != 0 ? b - 1 : t.Top - func - 1);
        if (results < 0) return false;
        if (wanted < 0)
        {
            t.Top = func + results;
            return true;
        }
        var stack = t.Stack;
        for (int i = results; i < wanted; i++) stack[func + i] = default;
        return true;
    }

    /// <summary>
    /// TFORLOOP's call of an iterator with a short path (pairs' next, ipairs' step), when no hook
    /// is set: its arguments where the call would have them, its results at R(A+3), as many as
    /// the loop's variables, with no frame. False when the call must be an ordinary one.
    /// </summary>
    internal static bool TryFastIteratorStep(LuaThread t, LuaValue[] stack, int ra, int variables)
    {
        if (stack[ra].Obj is not NativeFunction { Fast: { } fast } || t.HookMask != 0) return false;
        int cb = ra + 3;
        stack[cb + 2] = stack[ra + 2];
        stack[cb + 1] = stack[ra + 1];
        int results = fast(stack, cb, 2);
        if (results < 0) return false;
        for (int i = results; i < variables; i++) stack[cb + i] = default;
        return true;
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
        if (!t.Protocol.SuspendedForCollection && (ReferenceEquals(t, t.State.MainThread) || t.Protocol.NestedExecutions > 0))
        {
            t.Continuation = null; // the native's call ends here, with this error
            throw Errors.RuntimeError(t, "attempt to yield across metamethod/C-call boundary");
        }
        // the values stay where they are, just above the new top, until the resumer takes them
        t.Top -= count;
        t.Protocol.SuspendInNative(t.Top, count);
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
        MoveResults(t.Stack, first, count, res, wanted);
        t.Top = res + (wanted < 0 ? count : wanted);
    }

    /// <summary>
    /// <paramref name="count"/> results from <paramref name="first"/> to <paramref name="res"/>,
    /// as many as <paramref name="wanted"/> (all of them when negative), the missing ones nil.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void MoveResults(LuaValue[] stack, int first, int count, int res, int wanted)
    {
        if (wanted < 0)
        {
            if (res != first) Array.Copy(stack, first, stack, res, count);
            return;
        }
        int i = 0;
        int copy = Math.Min(count, wanted);
        for (; i < copy; i++) LuaValue.Assign(ref stack[res + i], stack[first + i]);
        for (; i < wanted; i++) stack[res + i] = default;
    }

    // ---- metamethods run as frames of the loop ----

    /// <summary>
    /// Beyond 5.1: a Lua metamethod reached by an opcode runs as a frame of the same loop (so it
    /// can yield); the opcode is finished when it returns (<see cref="FinishMetamethod"/>).
    /// </summary>
    private static void PushMetamethodFrame(LuaThread t, LuaClosure closure, int func, int results)
    {
        // lua5.1 runs metamethods on the C stack: 200 nested ones are "C stack overflow"; so here
        t.Protocol.MetaFrameCount++;
        if (TooManyCLevels(t))
        {
            t.Protocol.MetaFrameCount--;
            throw Errors.RuntimeError(t, "C stack overflow");
        }
        PrecallLua(t, closure, func, results);
        ref CallFrame frame = ref t.Frames[t.FrameCount - 1];
        frame.Flags |= FrameFlags.FinishMetamethod | (t.Protocol.NegatesMetaFrame ? FrameFlags.NegateResult : FrameFlags.None);
        t.Protocol.NoteMetaFramePushed();
    }

    // ---- tail calls ----

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
        // the function and its arguments, a few values: a loop costs less than Array.Copy's set-up
        var stack = t.Stack;
        for (int i = 0; i < count; i++) LuaValue.Assign(ref stack[dest + i], stack[func + i]);
        t.Top = dest + count;
        t.FrameCount--;
        // a compiled callee has no hot count left to keep: its frame goes straight on
        if (callee.Proto is { Compiled: not null, IsVararg: false }) PushFixedFrame(t, callee, dest, wantedResults);
        else PrecallLua(t, callee, dest, wantedResults);
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
}
