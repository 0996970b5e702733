using System.Runtime.CompilerServices;
using LuaVm.Bytecode;
using LuaVm.Runtime;

namespace LuaVm.Vm;

// What compiled code (Jit/) asks of the interpreter: calls and returns, done the way Run does them.
internal static partial class Interpreter
{
    /// <summary>
    /// CALL A B C from compiled code. A compiled Lua callee is called directly when there is room
    /// (<see cref="CallCompiledDirect"/>); another Lua callee gets its frame (the loop then
    /// continues there: <see cref="CompiledExit.Called"/>). A native with a short path
    /// (<see cref="NativeFunction.Fast"/>) computes its result in place; an ordinary native runs
    /// at once; either way, when nothing else is waiting, <see cref="CompiledExit.CallDone"/> lets
    /// compiled code go on. Otherwise the value is what compiled code returns to Run: the pc to
    /// interpret from, or an exit code.
    /// </summary>
    internal static int CallFromCompiled(LuaThread t, int @base, int a, int b, int wanted, int maxStack, int pc)
    {
        int func = @base + a;
        var callee = t.Stack[func].Obj;
        if (callee is LuaClosure lua)
        {
            if (lua.Proto is { Compiled: { } code, IsVararg: false } && t.HookMask == 0 && RoomForDirectCall(t))
                return CallCompiledDirect(t, lua, code, @base, func, b, wanted, maxStack, pc);
            BeginCall(t, func, b, pc);
            PrecallLua(t, lua, func, wanted);
            if (lua.Proto.Compiled is null || !RoomForDirectCall(t))
                return CompiledExit.Called;
            if (!CallDirect(t, lua)) return CompiledExit.Switched;
            return AfterCall(t, @base, func, wanted, maxStack, pc);
        }
        if (callee is not NativeFunction nf) return pc; // __call is the interpreter's
        if (nf.Fast is not null && TryFastCall(t, nf, func, b, wanted))
        {
            if (wanted >= 0) t.Top = @base + maxStack;
            return CompiledExit.CallDone;
        }
        if (nf.Kind == NativeKind.Ordinary)
        {
            BeginCall(t, func, b, pc);
            if (CallNative(t, nf, func, wanted) == CallKind.Yielded) return CompiledExit.Yielded;
            return AfterCall(t, @base, func, wanted, maxStack, pc);
        }
        return CallCoroutineNative(t, nf, @base, func, b, wanted, maxStack, pc);
    }

    /// <summary>
    /// CallFromCompiled for coroutine.yield, coroutine.resume and wrap functions, so that a round
    /// trip never goes through Run, and for pcall and xpcall (<see cref="ProtectedCallFromCompiled"/>).
    /// yield suspends the coroutine without its delegate (<see cref="CompiledExit.Yielded"/>). A
    /// resume switches to the coroutine and runs its compiled code from here (<see cref="RunResumed"/>).
    /// What these cannot do at once (an error to raise, a hook to call), the interpreter's CALL
    /// does (the pc is returned).
    /// </summary>
    private static int CallCoroutineNative(LuaThread t, NativeFunction nf, int @base, int func, int b, int wanted, int maxStack, int pc)
    {
        switch (nf.Kind)
        {
            case NativeKind.Yield:
                // where Yield would raise its error, or a hook or a collection waits, the interpreter calls it
                if (t.HookMask != 0 || t.Protocol.NestedExecutions > 0 || t.Protocol.SuspendedForCollection || ReferenceEquals(t, t.State.MainThread)) return pc;
                BeginCall(t, func, b, pc);
                t.PushNativeFrame(nf, func, wanted);
                Yield(t, t.Top - func - 1);
                return CompiledExit.Yielded;
            case NativeKind.Resume or NativeKind.Wrap:
                // BeginCall is what the interpreter's CALL does first: when this resume cannot be
                // made here, nothing else has changed and the interpreter makes it
                BeginCall(t, func, b, pc);
                try
                {
                    var co = Coroutines.TryResumeInLoop(t, nf, func, wanted);
                    if (co is null) return pc;
                    if (ReferenceEquals(co, t)) return ResumeDone(t, @base, func, wanted, maxStack, pc); // it returned at once
                    return RunResumed(t, co, @base, func, wanted, maxStack, pc);
                }
                catch (Exception e) when (RaisedInAnotherThread(t, e))
                {
                    return LeaveErrorToRun(t, e);
                }
            case NativeKind.PCall or NativeKind.XPCall:
                return ProtectedCallFromCompiled(t, nf, @base, func, b, wanted, maxStack, pc);
            default:
                return pc;
        }
    }

    /// <summary>
    /// pcall(f, ...) and xpcall(f, handler) from compiled code, when f is a compiled Lua function
    /// and no hook is set: the marker frame goes on as the interpreter's CALL pushes it
    /// (<see cref="StartProtectedCall"/>), and f is called directly (<see cref="CallDirect"/>)
    /// inside a .NET try/catch that does what Execute does with an error that reaches a marker
    /// (<see cref="Recover"/>: xpcall's handler, then false and the error). On return f's results
    /// complete the marker, and compiled code goes on without ever leaving to the interpreter.
    /// Anything else (a native f, pcall(pcall, f), too few arguments, whose errors the
    /// interpreter raises) is the interpreter's: the pc is returned.
    /// <para>
    /// When f yields or leaves its compiled code in a coroutine, the direct call is undone as
    /// always (<see cref="CompiledExit.Switched"/>): the marker stays on the heap frames, and the
    /// loop completes it when f returns or fails there, as for a pcall the interpreter made.
    /// </para>
    /// </summary>
    private static int ProtectedCallFromCompiled(LuaThread t, NativeFunction nf, int @base, int func, int b, int wanted, int maxStack, int pc)
    {
        if (t.HookMask != 0) return pc;
        int top = b != 0 ? func + b : t.Top;
        bool xpcall = nf.Kind == NativeKind.XPCall;
        if (top - func - 1 < (xpcall ? 2 : 1) || t.Stack[func + 1].Obj is not LuaClosure { Proto.Compiled: not null } callee || !RoomForDirectCall(t))
            return pc;
        BeginCall(t, func, b, pc);
        var handler = LuaValue.Nil;
        if (xpcall)
        {
            handler = t.Stack[func + 2];
            t.Top = func + 2; // xpcall calls f without arguments
        }
        int level = t.FrameCount; // where the marker goes
        try
        {
            PushMarker(t, nf, func, wanted, handler);
            PrecallLua(t, callee, func + 1, -1);
            if (!CallDirect(t, callee)) return CompiledExit.Switched; // undone: the loop has the marker
            FinishProtectedCall(t);
        }
        catch (Exception e) when (RaisedInAnotherThread(t, e))
        {
            return LeaveErrorToRun(t, e); // its pcalls, then this one, catch it there
        }
        catch (Exception e) when (HeldByMarker(t, e, level))
        {
            RecoverAtMarker(t, e, level);
            t.Protocol.TakeKeepTop(); // the caller is compiled code, which sets Top itself
        }
        return AfterCall(t, @base, func, wanted, maxStack, pc);
    }

    /// <summary>
    /// Whether <paramref name="e"/> was raised while a coroutine that this compiled code resumed
    /// (or one that it resumed) was running, rather than in <paramref name="t"/>.
    /// </summary>
    private static bool RaisedInAnotherThread(LuaThread t, Exception e) =>
        e is not LuaExitException && !ReferenceEquals(t.State.CurrentThread, t);

    /// <summary>
    /// An error of the running coroutine (<see cref="RaisedInAnotherThread"/>): Execute must handle
    /// it (a pcall there catches it, or the coroutine dies and its resumer gets it), and this
    /// compiled code may have been called directly, with no Execute below it. Run raises it
    /// again when it runs that thread.
    /// </summary>
    private static int LeaveErrorToRun(LuaThread t, Exception e)
    {
        t.State.CurrentThread.Protocol.LeavePendingError(System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e));
        return CompiledExit.Switched;
    }

    /// <summary>
    /// Runs the coroutine that a CALL in compiled code has just resumed, in its own compiled code
    /// called from here. When it yields from that code (the usual case), its values are the
    /// results of the call and the caller's compiled code goes on (<see cref="CompiledExit.CallDone"/>).
    /// Anything else its code returns (a call or return to make, an instruction to interpret, a
    /// collection) is left to Run as the coroutine's pending exit (<see cref="ThreadProtocol.LeavePending"/>): Run goes on with
    /// the coroutine (<see cref="CompiledExit.Switched"/>) exactly as if it had called that
    /// code itself. The .NET stack grows by one compiled frame per nested resume, which lua5.1's
    /// limit of 200 nested resumes bounds.
    /// </summary>
    private static int RunResumed(LuaThread t, LuaThread co, int @base, int func, int wanted, int maxStack, int pc)
    {
        ref CallFrame frame = ref co.Frames[co.FrameCount - 1];
        if (frame.Closure is not { Proto.Compiled: { } compiled } cl) return CompiledExit.Switched;
        int coBase = frame.Base;
        if (!co.Protocol.TakeKeepTop()) co.Top = coBase + cl.Proto.MaxStackSize; // as Run's entry into a frame
        int left = compiled(co, ref co.Stack[coBase], coBase, cl, frame.SavedPc);
        if (left == CompiledExit.Yielded && !co.Protocol.SuspendedForCollection)
        {
            Coroutines.SwitchBack(co, returned: false); // back to t, its resumer
            return ResumeDone(t, @base, func, wanted, maxStack, pc);
        }
        // it resumed another coroutine in turn, which is now current: Run goes on with that one
        if (left == CompiledExit.Switched) return left;
        co.Protocol.LeavePending(left);
        return CompiledExit.Switched;
    }

    /// <summary>A resume from compiled code is over and its results are in place: the caller's compiled code goes on.</summary>
    private static int ResumeDone(LuaThread t, int @base, int func, int wanted, int maxStack, int pc)
    {
        t.Protocol.TakeKeepTop(); // set for Run's entry, which compiled code does not go through
        return AfterCall(t, @base, func, wanted, maxStack, pc);
    }

    /// <summary>A call's arguments end at Top (B = 0: they already do), and the caller's pc is saved for errors and tracebacks.</summary>
    private static void BeginCall(LuaThread t, int func, int b, int pc)
    {
        if (b != 0) t.Top = func + b;
        t.Frames[t.FrameCount - 1].SavedPc = pc + 1;
    }

    /// <summary>After a call made by compiled code returned: what Run's CALL does then.</summary>
    private static int AfterCall(LuaThread t, int @base, int func, int wanted, int maxStack, int pc)
    {
        if (wanted >= 0) t.Top = @base + maxStack;
        if (t.Protocol.PendingCollect)
        {
            // as Run's CALL: the collection runs before the next instruction
            if (wanted >= 0) Array.Clear(t.Stack, func + wanted, t.Top - (func + wanted));
            t.Protocol.KeepTopForNextEntry(wanted < 0);
            return CompiledExit.ToCollect;
        }
        // the native set a hook: the interpreter runs the rest
        return t.HookMask != 0 ? pc + 1 : CompiledExit.CallDone;
    }

    /// <summary>
    /// Whether nothing running on <paramref name="t"/> now can yield: the main thread, or a
    /// coroutine inside a native's call into Lua.
    /// </summary>
    private static bool CannotYield(LuaThread t) => t.Protocol.NestedExecutions > 0 || ReferenceEquals(t, t.State.MainThread);

    /// <summary>
    /// How deep compiled functions may call each other directly on the .NET stack (lua5.1's
    /// limit of nested C calls). Deeper calls run on the heap frames of Run's loop.
    /// </summary>
    private const int MaxDirectCalls = 200;

    /// <summary>
    /// How many direct calls one check of the .NET stack's room covers: 40 levels of compiled
    /// frames fit in the room that <see cref="RuntimeHelpers.TryEnsureSufficientExecutionStack"/>
    /// ensures. The check runs at a thread's first direct call and every 40 levels after it (the
    /// coroutines resumed inside one another each count their own levels on the same .NET stack),
    /// so a stack nearly full sends calls back to the heap frames, whatever the depth.
    /// </summary>
    private const int DirectCallsPerCheck = 40;

    /// <summary>Whether a compiled function may be called directly now (<see cref="MaxDirectCalls"/>, <see cref="DirectCallsPerCheck"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool RoomForDirectCall(LuaThread t)
    {
        int depth = t.Protocol.DirectCalls;
        return depth < MaxDirectCalls && (depth % DirectCallsPerCheck != 0 || RuntimeHelpers.TryEnsureSufficientExecutionStack());
    }

    /// <summary>
    /// A direct call: compiled code calling compiled code on the .NET stack, without going back to
    /// Run (also used by natives calling Lua, Interpreter.Call); the callee's frame was pushed as
    /// usual, so tracebacks, errors and the debug library see what they always see. Only so deep
    /// (and only while the .NET stack has room). Returns true when the callee has returned, its
    /// results in place.
    /// <para>
    /// When the callee leaves its compiled code (a slow path, a call the interpreter must make,
    /// a yield...), where nothing can yield (the main thread, a native's call into Lua) a nested
    /// Execute finishes its frame, as when a native calls Lua. In a coroutine that could not
    /// yield then; instead the direct calls are undone: every frame is already on the heap, so
    /// the callee's frame becomes an ordinary one (its Direct flag cleared), what its code left
    /// becomes the thread's pending exit (<see cref="ThreadProtocol.LeavePending"/>), and false is returned: the
    /// compiled callers pass <see cref="CompiledExit.Switched"/> down to Run, which acts on
    /// the pending leave as if the innermost code had returned it to Run itself, and runs each
    /// caller again from its saved pc when its callee returns.
    /// </para>
    /// </summary>
    private static bool CallDirect(LuaThread t, LuaClosure callee)
    {
        int level = t.FrameCount - 1;
        t.Frames[level].Flags |= FrameFlags.Direct;
        // the count covers a nested Execute too: at the limit, calls go back to the heap frames of
        // that Execute's loop, so deep recursion never deepens the .NET stack further
        t.Protocol.DirectCalls++;
        try
        {
            int calleeBase = t.Frames[level].Base;
            int left = callee.Proto.Compiled!(t, ref t.Stack[calleeBase], calleeBase, callee, 0);
            if (left == CompiledExit.Returned)
            {
                t.Protocol.TakeKeepTop(); // the caller is compiled code, which sets Top itself
                return true;
            }
            return AfterDirectLeft(t, level, left);
        }
        finally
        {
            t.Protocol.DirectCalls--;
        }
    }

    /// <summary>
    /// The rest of <see cref="CallDirect"/> when the callee's code did not simply return: a tail
    /// call to run the same way, or a frame that left its compiled code. Runs inside the caller's
    /// count of direct calls.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool AfterDirectLeft(LuaThread t, int level, int left)
    {
        // a tail call replaced the frame: its function runs the same way when it is compiled
        while (left == CompiledExit.Called && t.FrameCount - 1 == level && t.Frames[level].Closure!.Proto.Compiled is { } compiled)
        {
            // at its first instruction, or where an inlined tail call left it (LeaveInlinedTail)
            int calleeBase = t.Frames[level].Base;
            left = compiled(t, ref t.Stack[calleeBase], calleeBase, t.Frames[level].Closure!, t.Frames[level].SavedPc);
        }
        if (left == CompiledExit.Returned)
        {
            t.Protocol.TakeKeepTop();
            return true;
        }
        if (CannotYield(t))
        {
            FinishInInterpreter(t, level, left);
            return true;
        }
        t.Frames[level].Flags &= ~FrameFlags.Direct;
        // CompiledExit.Switched: a deeper direct call was undone the same way (its pending exit is
        // set), or a resume switched to another coroutine, which Run goes on with
        if (left != CompiledExit.Switched) t.Protocol.LeavePending(left);
        return false;
    }

    /// <summary>
    /// The common case of CALL from compiled code, in one method: a compiled Lua function with
    /// fixed parameters, no hook set, and room for a direct call (<see cref="RoomForDirectCall"/>).
    /// What PrecallLua and <see cref="CallDirect"/> do, without what this case never needs
    /// (varargs, the hot count of a function already compiled, the hook): the same frame
    /// (<see cref="PushFixedFrame"/>), called at once.
    /// </summary>
    private static int CallCompiledDirect(LuaThread t, LuaClosure callee, CompiledCode code, int @base, int func, int b, int wanted, int maxStack, int pc)
    {
        if (b != 0) t.Top = func + b;
        t.Frames[t.FrameCount - 1].SavedPc = pc + 1;
        PushFixedFrame(t, callee, func, wanted).Flags = FrameFlags.Direct;
        int level = t.FrameCount - 1;
        int calleeBase = func + 1;
        t.Protocol.DirectCalls++;
        try
        {
            int left = code(t, ref t.Stack[calleeBase], calleeBase, callee, 0);
            if (left != CompiledExit.Returned && !AfterDirectLeft(t, level, left)) return CompiledExit.Switched;
        }
        finally
        {
            t.Protocol.DirectCalls--;
        }
        t.Protocol.TakeKeepTop(); // the caller is compiled code, which sets Top itself
        return AfterCall(t, @base, func, wanted, maxStack, pc);
    }

    /// <summary>A directly called frame (at <paramref name="level"/>) left its compiled code: a nested Execute runs it to its return.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FinishInInterpreter(LuaThread t, int level, int left)
    {
        if (left == CompiledExit.Yielded) throw new InvalidOperationException("a yield in a direct call"); // the main thread cannot yield
        if (left >= 0)
        {
            t.Frames[level].SavedPc = left;
            t.Protocol.KeepTopForNextEntry(true); // left mid-frame: Top may mark a call's results (a SETLIST or CALL with B = 0 uses them)
        }
        if (left == CompiledExit.ToCollect)
        {
            // as Execute does for CollectRequested, before the callee goes on
            t.Protocol.PendingCollect = false;
            t.State.Gc.FullCollect(t.State, t);
        }
        t.Frames[level].Flags |= FrameFlags.Entry;
        t.Protocol.NestedExecutions++;
        try
        {
            Execute(t);
        }
        finally
        {
            t.Protocol.NestedExecutions--;
        }
        t.Protocol.TakeKeepTop();
    }

    /// <summary>
    /// TAILCALL A B from compiled code. A Lua callee replaces the frame (<see cref="CompiledExit.Called"/>);
    /// an ordinary native runs as a call wanting all results, which the RETURN that follows passes
    /// on, as in Run. Anything else is the interpreter's.
    /// </summary>
    internal static int TailCallFromCompiled(LuaThread t, int @base, int a, int b, int pc)
    {
        int func = @base + a;
        var callee = t.Stack[func].Obj;
        if (callee is LuaClosure lua)
        {
            BeginCall(t, func, b, pc);
            TailCallLua(t, lua, func);
            return CompiledExit.Called;
        }
        if (callee is not NativeFunction { Kind: NativeKind.Ordinary or NativeKind.Yield } nf) return pc;
        if (nf.Fast is not null && TryFastCall(t, nf, func, b, -1)) return CompiledExit.CallDone;
        BeginCall(t, func, b, pc);
        if (CallNative(t, nf, func, -1) == CallKind.Yielded) return CompiledExit.Yielded;
        return t.HookMask != 0 ? pc + 1 : CompiledExit.CallDone;
    }

    /// <summary>
    /// RETURN A B from compiled code, when the frame is an ordinary call: the results go to the
    /// caller, and the loop continues with the caller (<see cref="CompiledExit.Returned"/>).
    /// A frame that ends a coroutine, an Execute, a for iterator or a metamethod is left to the
    /// interpreter (the pc is returned).
    /// </summary>
    internal static int ReturnFromCompiled(LuaThread t, int @base, int a, int b, int pc)
    {
        var flags = t.Frames[t.FrameCount - 1].Flags;
        if ((flags & ~FrameFlags.Direct) != 0 || t.HookMask != 0) return pc;
        int first = @base + a;
        int count = b != 0 ? b - 1 : t.Top - first;
        if (t.OpenUpValues is not null) t.CloseUpValues(@base);
        int wantedByCaller = t.Frames[t.FrameCount - 1].WantedResults;
        PostCall(t, first, count);
        if ((flags & FrameFlags.Direct) != 0) return CompiledExit.Returned; // to CallDirect
        // returning into a pcall marker completes the pcall, then its caller continues
        t.Protocol.KeepTopForNextEntry(FinishProtectedCalls(t, wantedByCaller) < 0);
        return CompiledExit.Returned;
    }

    /// <summary>
    /// The frame of a call of <paramref name="callee"/> inlined at CALL A (Jit/Inlining.cs), made
    /// when the body needs it: a fast path in it failed at <paramref name="calleePc"/> (the loop
    /// then continues there as after any call of an interpreted function,
    /// <see cref="CompiledExit.Called"/>), or it is about to make a call of its own. It is the
    /// frame the call would have pushed (PushFixedFrame's, whose registers the body has been
    /// using), with the caller's pc saved as the call saves it; <paramref name="varargArgs"/> is
    /// the number of arguments of a vararg function, -1 for one with fixed parameters, and
    /// <paramref name="baseOffset"/> where the body's registers start past the function's slot.
    /// </summary>
    internal static int LeaveInlined(LuaThread t, int @base, int a, LuaClosure callee, int calleePc, int wanted, int pc, int varargArgs, int baseOffset)
    {
        int func = @base + a;
        var p = callee.Proto;
        t.Frames[t.FrameCount - 1].SavedPc = pc + 1;
        if (varargArgs < 0) t.PushLuaFrame(callee, func, func + 1, wanted, 0, 0).SavedPc = calleePc;
        else
        {
            // a vararg function's frame as PushVarargFrame lays it out (Inlining.VarargFrame did),
            // its registers past the arguments or, where they end at Top, a fixed distance on
            int varargs = Math.Max(varargArgs - p.NumParams, 0);
            t.PushLuaFrame(callee, func, func + baseOffset, wanted, func + 1 + p.NumParams, varargs).SavedPc = calleePc;
        }
        t.Top = t.Frames[t.FrameCount - 1].Base + p.MaxStackSize;
        return CompiledExit.Called;
    }

    /// <summary>
    /// <see cref="LeaveAt"/> for an instruction that takes its operands up to Top (a call whose
    /// arguments end there): Top is kept as the body left it.
    /// </summary>
    internal static int LeaveAtKeepingTop(LuaThread t, int pc, int top)
    {
        t.Frames[t.FrameCount - 1].SavedPc = pc;
        t.Top = top;
        t.Protocol.KeepTopForNextEntry(true);
        return CompiledExit.Called;
    }

    /// <summary>
    /// The end of an inlined body's exit, once every frame of the calls it is inlined in is
    /// made (<see cref="LeaveInlined"/>): the innermost goes on at <paramref name="pc"/>.
    /// </summary>
    internal static int LeaveAt(LuaThread t, int pc)
    {
        t.Frames[t.FrameCount - 1].SavedPc = pc;
        return CompiledExit.Called;
    }

    /// <summary>
    /// What an inlined body does with what its ordinary call (<see cref="CallFromCompiled"/>,
    /// made with the body's frame on top) returned instead of <see cref="CompiledExit.CallDone"/>:
    /// an exit code goes down as it is; a pc to interpret from is the body's frame's, which the
    /// loop then goes on with, Top as the call left it.
    /// </summary>
    internal static int LeaveFromInlinedCall(LuaThread t, int exit)
    {
        if (exit < 0) return exit;
        t.Frames[t.FrameCount - 1].SavedPc = exit;
        t.Protocol.KeepTopForNextEntry(true);
        return CompiledExit.Called;
    }

    /// <summary>An inlined body whose frame was made returned (its results in place): the frame goes, and Top is the caller's again unless it marks all the results.</summary>
    internal static void PopInlined(LuaThread t, int wanted, int callerTop)
    {
        t.FrameCount--;
        if (wanted >= 0) t.Top = callerTop;
    }

    /// <summary>
    /// <see cref="LeaveInlined"/> for a body inlined at TAILCALL A: the frame the tail call would
    /// have made replaces the caller's, as <see cref="TailCallLua"/> makes it, with the
    /// function's slot and the registers the body has been using moved down with it.
    /// </summary>
    internal static int LeaveInlinedTail(LuaThread t, int @base, int a, LuaClosure callee, int calleePc)
    {
        ref CallFrame current = ref t.Frames[t.FrameCount - 1];
        if (t.OpenUpValues is not null) t.CloseUpValues(current.Base);
        int func = @base + a;
        int dest = current.FuncIndex;
        var flags = current.Flags;
        int wantedResults = current.WantedResults;
        int tailCalls = current.TailCalls;
        int size = 1 + callee.Proto.MaxStackSize;
        Array.Copy(t.Stack, func, t.Stack, dest, size);
        t.FrameCount--;
        ref CallFrame replaced = ref t.PushLuaFrame(callee, dest, dest + 1, wantedResults, 0, 0);
        replaced.SavedPc = calleePc;
        replaced.Flags = flags;
        replaced.TailCalls = tailCalls + 1;
        t.Top = dest + size;
        return CompiledExit.Called;
    }

    /// <summary>CONCAT A B C from compiled code, when every operand is a string or a number (false: the interpreter's, for __concat or the error).</summary>
    internal static bool ConcatFromCompiled(LuaThread t, int @base, int a, int b, int c, int pc)
    {
        var stack = t.Stack;
        for (int r = @base + b; r <= @base + c; r++)
            if (!(stack[r].IsString || stack[r].IsNumber)) return false;
        t.Frames[t.FrameCount - 1].SavedPc = pc + 1; // a string too large is an error at this line
        Metamethods.Concat(t, @base + b, @base + c);
        stack = t.Stack;
        stack[@base + a] = stack[@base + b];
        return true;
    }

    /// <summary>CLOSE A from compiled code.</summary>
    internal static void CloseFromCompiled(LuaThread t, int @base, int a)
    {
        if (t.OpenUpValues is not null) t.CloseUpValues(@base + a);
    }

    /// <summary>VARARG A B from compiled code (B = 0: all of them, setting Top; the stack may then grow).</summary>
    internal static void VarargFromCompiled(LuaThread t, int @base, int a, int wanted, int maxStack, int pc)
    {
        int fi = t.FrameCount - 1;
        t.Frames[fi].SavedPc = pc + 1; // a stack overflow is an error at this line
        CopyVarargs(t, fi, @base + a, wanted, maxStack);
    }

    /// <summary>SETLIST A B C from compiled code (C is the block number, never 0 here).</summary>
    internal static void SetListFromCompiled(LuaThread t, int @base, int a, int b, int block, int maxStack)
    {
        int count = b != 0 ? b : t.Top - (@base + a) - 1;
        SetList(t, @base + a, count, block);
        t.Top = @base + maxStack;
    }

    /// <summary>CLOSURE A Bx from compiled code; <paramref name="pc"/> is the first upvalue pseudo-instruction.</summary>
    internal static void ClosureFromCompiled(LuaThread t, int @base, int a, int bx, int pc)
    {
        var enclosing = t.Frames[t.FrameCount - 1].Closure!;
        MakeClosure(t, enclosing, enclosing.Proto.Protos[bx], pc, @base, a);
    }

    /// <summary>
    /// TFORLOOP A C from compiled code. A native iterator (next, ipairs' step...) runs at once
    /// (<see cref="CompiledExit.CallDone"/>; compiled code then ends the loop if R(A+3) is nil).
    /// A Lua iterator gets its frame, as in Run (its return finishes the instruction). Anything
    /// else is the interpreter's (the pc is returned).
    /// </summary>
    internal static int TForLoopFromCompiled(LuaThread t, int @base, int a, int c, int maxStack, int pc)
    {
        var stack = t.Stack;
        var iterator = stack[@base + a].Obj;
        if (TryFastIteratorStep(t, stack, @base + a, c))
        {
            if (!stack[@base + a + 3].IsNil) stack[@base + a + 2] = stack[@base + a + 3]; // compiled code branches on R(A+3)
            return CompiledExit.CallDone;
        }
        bool isLua = iterator is LuaClosure;
        if (!isLua && iterator is not NativeFunction { Kind: NativeKind.Ordinary or NativeKind.Yield }) return pc;
        int cb = @base + a + 3;
        stack[cb + 2] = stack[@base + a + 2];
        stack[cb + 1] = stack[@base + a + 1];
        stack[cb] = stack[@base + a];
        t.Top = cb + 3;
        t.Frames[t.FrameCount - 1].SavedPc = pc + 1;
        if (isLua)
        {
            PrecallLua(t, (LuaClosure)iterator!, cb, c);
            t.Frames[t.FrameCount - 1].Flags |= FrameFlags.FinishTForLoop;
            return CompiledExit.Called;
        }
        if (CallNative(t, (NativeFunction)iterator!, cb, c) == CallKind.Yielded)
        {
            t.Frames[t.FrameCount - 1].Flags |= FrameFlags.FinishTForLoop;
            return CompiledExit.Yielded;
        }
        stack = t.Stack;
        t.Top = @base + maxStack;
        if (!stack[cb].IsNil) stack[cb - 1] = stack[cb]; // compiled code branches on R(A+3)
        return CompiledExit.CallDone;
    }
}
