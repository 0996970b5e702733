using System.Runtime.CompilerServices;
using LuaVm.Runtime;

namespace LuaVm.Vm;

/// <summary>
/// Protected calls and errors (ldo.c's luaD_pcall and luaD_throw side): pcall/xpcall are marker
/// frames (<see cref="FrameFlags.Protected"/>) pushed by <see cref="StartProtectedCall"/>; an
/// error that leaves <see cref="Run"/> is caught once by <see cref="Execute"/>, which finds the
/// nearest marker (<see cref="Unwind"/>), runs xpcall's handler with the failing frames still
/// in place, drops the frames above the marker and completes it with false and the error.
/// <para>
/// Not here: the loop (Interpreter.cs), calls and returns (Interpreter.Calls.cs), the error
/// messages themselves (Errors.cs).
/// </para>
/// </summary>
internal static partial class Interpreter
{
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
        PushMarker(t, nf, func, wanted, handler);
        // pcall(xpcall, f, h), pcall(pcall, f): the inner one is a marker too, so that its
        // handler runs with f's frames still there, as every xpcall's does
        var kind = stack[func + 1].Obj is NativeFunction { Kind: NativeKind.PCall or NativeKind.XPCall } inner
            ? StartProtectedCall(t, inner, func + 1, -1)
            : Precall(t, func + 1, -1);
        // With a collection pending (pcall(collectgarbage)), the marker stays until it has run (Execute).
        if (kind == CallKind.NativeDone && !t.Protocol.PendingCollect) FinishProtectedCall(t);
        return kind;
    }

    /// <summary>
    /// Pushes pcall's or xpcall's marker frame for the call at <paramref name="func"/>. lua5.1's
    /// pcall is a C call (lua_call): at the 200th level it fails inside, so the pcall returns
    /// false and "C stack overflow", without a position: the error raised here once the marker is
    /// in place.
    /// </summary>
    private static void PushMarker(LuaThread t, NativeFunction nf, int func, int wanted, in LuaValue handler)
    {
        ref CallFrame marker = ref t.PushFrame();
        marker.Native = nf;
        marker.FuncIndex = func;
        marker.Base = func + 1;
        marker.WantedResults = wanted;
        marker.Flags = FrameFlags.Protected | (nf.Kind == NativeKind.XPCall ? FrameFlags.HasHandler : 0);
        marker.Handler = handler;
        t.Protocol.ProtectedCount++;
        if (TooManyCLevels(t)) throw new LuaException("C stack overflow");
    }

    private static void PushNativeFrameForError(LuaThread t, NativeFunction nf, int func) => t.PushNativeFrame(nf, func, 0);

    /// <summary>
    /// pcall/xpcall called by native code rather than by a CALL of Lua code (through
    /// LuaState.Call, as a coroutine's body, as a native metamethod or callback): the body of
    /// their <see cref="NativeFunction"/>s. It is the same protected call: the marker frame of
    /// <see cref="StartProtectedCall"/> goes above pcall's own frame, over a copy of the
    /// arguments; the protected function runs to its return as any native's call into Lua (a
    /// nested loop, where it cannot yield); its return completes the marker as in the loop. An
    /// error leaves that nested loop with the frames still in place, and the one C# catch here
    /// hands it to <see cref="Recover"/>, as Execute does: xpcall's handler runs before the
    /// frames are dropped, and the marker completes with false and the error. The marker is the
    /// one "C" level lua5.1's lua_pcall adds. Returns how many results are on top of the stack.
    /// </summary>
    internal static int ProtectedCallFromNative(in CallContext call)
    {
        var t = call.Thread;
        int nargs = call.ArgCount;
        int func = t.Top;
        t.EnsureStack(nargs + 1);
        var stack = t.Stack;
        stack[func] = call.Function; // the marker's slot: its results go here
        for (int i = 0; i < nargs; i++) stack[func + 1 + i] = stack[call.Base + i];
        t.Top = func + 1 + nargs;
        int level = t.FrameCount; // where the marker goes
        t.Protocol.NestedExecutions++;
        try
        {
            try
            {
                RunToReturn(t, StartProtectedCall(t, call.Function, func, -1));
                // the function returned into the marker (and pcall(pcall, f)'s inner one): complete them
                while (t.FrameCount > level && (t.Frames[t.FrameCount - 1].Flags & FrameFlags.Protected) != 0) FinishProtectedCall(t);
            }
            catch (Exception e) when (HeldByMarker(t, e, level))
            {
                RecoverAtMarker(t, e, level);
            }
            t.Protocol.TakeKeepTop(); // meant for a loop's entry; the native's caller sets Top itself
            return t.Top - func;
        }
        finally
        {
            t.Protocol.NestedExecutions--;
        }
    }

    /// <summary>
    /// Whether <paramref name="e"/>, caught by C# around a protected call whose marker frame is at
    /// <paramref name="level"/>, is that marker's to handle: a Lua error (or an exception that
    /// becomes one) while the marker is still on the frames.
    /// </summary>
    private static bool HeldByMarker(LuaThread t, Exception e, int level) =>
        e is not LuaExitException and not InvalidProgramException
        && t.FrameCount > level && (t.Frames[level].Flags & FrameFlags.Protected) != 0;

    /// <summary>
    /// What Execute does with an error that reaches the marker at <paramref name="level"/>
    /// (<see cref="Recover"/>: xpcall's handler, then false and the error); a cancellation, which
    /// no pcall holds, goes on.
    /// </summary>
    private static void RecoverAtMarker(LuaThread t, Exception e, int level)
    {
        var error = AsLuaError(t, e);
        if (!Recover(t, error, level - 1)) throw error;
    }

    /// <summary>Completes a pcall/xpcall marker whose protected call returned normally: true, results...</summary>
    internal static void FinishProtectedCall(LuaThread t)
    {
        ref CallFrame marker = ref t.Frames[t.FrameCount - 1];
        int func = marker.FuncIndex;
        int count = t.Top - (func + 1);
        t.Stack[func] = LuaValue.True;
        PostCall(t, func, count + 1);
        t.Protocol.ProtectedCount--;
    }

    /// <summary>
    /// Completes every pcall/xpcall marker now on top of the frames (a protected call's function
    /// returned or failed into it, and a marker completed that way returns into the one below in
    /// pcall(pcall, f)). Returns the results wanted by the last one completed, or
    /// <paramref name="wanted"/> when there was none: the caller's Keep Top is that &lt; 0.
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
        while (!ReferenceEquals(current, t) && current.Protocol.InLoopResumer is not null)
        {
            if (Recover(current, e, 0)) return null;
            (current, var raise) = Coroutines.AbandonInLoop(current, e);
            if (raise is null) return null;
            e = raise;
        }
        return Recover(t, e, entryLevel) ? null : e;
    }

    /// <summary>
    /// Unwinds to the nearest pcall/xpcall marker above <paramref name="entryLevel"/>; returns false
    /// when there is none (the error leaves this loop).
    /// </summary>
    private static bool Recover(LuaThread t, LuaException e, int entryLevel)
    {
        t.Protocol.AbandonMetaSlowPath();
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
        t.Protocol.MetaFrameCount = meta;
        t.Protocol.ProtectedCount = markers;
    }

    private static bool Unwind(LuaThread t, LuaException e, int entryLevel)
    {
        int j = t.FrameCount - 1;
        while (j > entryLevel && (t.Frames[j].Flags & FrameFlags.Protected) == 0) j--;
        if (e.Uncatchable) j = entryLevel; // no marker holds a cancellation
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
            catch (LuaException h) when (!h.Uncatchable)
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
        t.Protocol.KeepTopForNextEntry(FinishProtectedCalls(t, wanted) < 0);
        return true;
    }

    /// <summary>xpcall's message handler, called with the error value alone (as ldo.c's luaD_throw path does); its first result.</summary>
    private static LuaValue CallHandler(LuaThread t, in LuaValue handler, in LuaValue error)
    {
        t.Protocol.TakeMetaFrameAllowed(); // as CallMeta: the handler runs to completion here
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

    /// <summary>
    /// What a .NET exception leaving a native function or the VM becomes: a Lua error stays what it
    /// is; a cancellation becomes an error no pcall holds (<see cref="LuaException.Uncatchable"/>);
    /// anything else, a bug in the VM or an exception of a C# function, a Lua error too (the
    /// process never crashes), "internal error (Type: message)", with the exception as its
    /// InnerException for the .NET caller.
    /// </summary>
    internal static LuaException AsLuaError(LuaThread t, Exception e)
    {
        if (e is LuaException lua) return lua;
        if (e is OperationCanceledException) return new LuaException("the Lua script was cancelled", e) { Uncatchable = true };
        string detail = Environment.GetEnvironmentVariable("KRAKEN_DEBUG") == "1" ? e.ToString() : e.Message;
        return LuaException.At(t.Where(1), $"internal error ({e.GetType().Name}: {detail})", latin1: false, inner: e);
    }
}
