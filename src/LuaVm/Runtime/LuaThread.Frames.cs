using System.Runtime.CompilerServices;

namespace LuaVm.Runtime;

// The call-frame stack of a thread (lstate.h's CallInfo array, part of the thread there too), its
// hooks and its open upvalues. The interpreter (src/LuaVm/Vm) pushes and pops the frames; its own
// per-thread state is in Vm/LuaThread.Protocol.cs.
public sealed partial class LuaThread
{
    /// <summary>Most frames a thread may have (lua5.1's LUAI_MAXCALLS): then "stack overflow".</summary>
    internal const int MaxFrames = 20000;

    // Small at first: a suspended coroutine should cost little (both arrays grow on demand).
    // three frames: a coroutine suspended in yield needs two (its function and yield's)
    internal CallFrame[] Frames = new CallFrame[3];
    internal int FrameCount;

    /// <summary>The function a coroutine runs (before it starts).</summary>
    internal LuaFunction? StartFunction;

    /// <summary>The function a coroutine that has not started yet will run; null once it has started.</summary>
    public LuaFunction? PendingFunction => StartFunction;

    /// <summary>
    /// When set, an error that ends this coroutine carries a Lua traceback taken where it was
    /// raised (<see cref="LuaException.LuaTraceback"/>), as for the main thread: a host that runs
    /// code in coroutines (the kraken server) can then log where a failure happened.
    /// </summary>
    public bool CaptureTraceback;

    /// <summary>debug.sethook's function and what it wants.</summary>
    internal LuaValue Hook;
    internal HookMask HookMask;
    internal int HookCount, HookCounter;
    /// <summary>False while a hook runs (hooks do not trigger hooks).</summary>
    internal bool AllowHook = true;

    /// <summary>Pushes a frame and returns a reference to it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref CallFrame PushFrame()
    {
        if (FrameCount == Frames.Length) GrowFrames();
        ref CallFrame f = ref Frames[FrameCount++];
        f = default;
        return ref f;
    }

    /// <summary>
    /// Pushes the frame of a Lua call. Every field is written, without clearing the slot first,
    /// and the closure only when the slot held another one: a recursive call reuses the slot of
    /// its previous activation, and an unchanged reference needs no GC write barrier.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref CallFrame PushLuaFrame(LuaClosure closure, int funcIndex, int @base, int wanted, int varargBase, int varargCount)
    {
        if (FrameCount == Frames.Length) GrowFrames();
        ref CallFrame f = ref Frames[FrameCount++];
        if (!ReferenceEquals(f.Closure, closure)) f.Closure = closure;
        if (f.Native is not null) f.Native = null;
        if (f.Handler.Obj is not null) f.Handler = default;
        f.FuncIndex = funcIndex;
        f.Base = @base;
        f.SavedPc = 0;
        f.WantedResults = wanted;
        f.VarargBase = varargBase;
        f.VarargCount = varargCount;
        f.TailCalls = 0;
        f.Flags = default;
        return ref f;
    }

    /// <summary>Pushes the frame of a native call, the same way as <see cref="PushLuaFrame"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref CallFrame PushNativeFrame(NativeFunction function, int funcIndex, int wanted)
    {
        if (FrameCount == Frames.Length) GrowFrames();
        ref CallFrame f = ref Frames[FrameCount++];
        if (f.Closure is not null) f.Closure = null;
        if (!ReferenceEquals(f.Native, function)) f.Native = function;
        if (f.Handler.Obj is not null) f.Handler = default;
        f.FuncIndex = funcIndex;
        f.Base = funcIndex + 1;
        f.SavedPc = 0;
        f.WantedResults = wanted;
        f.VarargBase = 0;
        f.VarargCount = 0;
        f.TailCalls = 0;
        f.Flags = default;
        return ref f;
    }

    /// <summary>
    /// Room for <paramref name="count"/> more frames, made without raising: false when they
    /// would pass the thread's limit, whose error the call that needs them raises.
    /// </summary>
    internal bool MakeRoomForFrames(int count)
    {
        if (FrameCount + count <= Frames.Length) return true;
        if (FrameCount + count > FrameLimit) return false;
        ResizeFrames(FrameCount + count);
        return true;
    }

    private void GrowFrames()
    {
        if (FrameCount >= FrameLimit) throw LuaException.FromLatin1(Where(0) + "stack overflow");
        ResizeFrames(FrameCount + 1);
    }

    /// <summary>How many frames the thread may have: an xpcall handler running after a stack overflow gets some more.</summary>
    private int FrameLimit => HandlingError ? MaxFrames + ErrorHandlerFrames : MaxFrames;

    /// <summary>Doubles the frames (at least to <paramref name="needed"/>), up to a little past the limit.</summary>
    private void ResizeFrames(int needed) =>
        Array.Resize(ref Frames, Math.Min(Math.Max(Frames.Length * 2, needed), FrameLimit + 50));

    /// <summary>
    /// Frames an xpcall handler may use beyond <see cref="MaxFrames"/>: after a stack overflow the
    /// handler (debug.traceback, typically) still has room to run, as lua5.1 grants it.
    /// </summary>
    internal const int ErrorHandlerFrames = 250;

    /// <summary>True while an xpcall error handler runs on this thread.</summary>
    internal bool HandlingError;

    /// <summary>
    /// What the native that suspended this coroutine does with the next resume's values, when it
    /// gave one (<see cref="CallContext.Yield(int, LuaNativeFunction)"/>); null: they are its results.
    /// </summary>
    internal LuaNativeFunction? Continuation;

    /// <summary>The open upvalue for stack slot <paramref name="index"/>, created if needed.</summary>
    internal UpValue FindUpValue(int index)
    {
        UpValue? previous = null;
        var uv = OpenUpValues;
        while (uv is not null && uv.Index > index)
        {
            previous = uv;
            uv = uv.NextOpen;
        }
        if (uv is not null && uv.Index == index) return uv;
        var created = new UpValue(this, index) { NextOpen = uv };
        if (previous is null) OpenUpValues = created;
        else previous.NextOpen = created;
        return created;
    }

    /// <summary>Closes every open upvalue at or above stack slot <paramref name="level"/>.</summary>
    internal void CloseUpValues(int level)
    {
        var uv = OpenUpValues;
        // most returns close nothing (the open upvalues belong to frames below): no store then,
        // since a reference store costs a GC write barrier
        if (uv is null || uv.Index < level) return;
        do
        {
            uv.Close();
            uv = uv.NextOpen;
        }
        while (uv is not null && uv.Index >= level);
        OpenUpValues = uv;
    }
}
