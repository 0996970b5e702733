namespace LuaVm.Runtime;

/// <summary>Why a frame exists beyond being an ordinary call.</summary>
[Flags]
internal enum FrameFlags : byte
{
    None = 0,
    /// <summary>A pcall/xpcall marker: errors below it unwind to here.</summary>
    Protected = 1,
    /// <summary>xpcall: <see cref="CallFrame.Handler"/> gets the error value first.</summary>
    HasHandler = 2,
    /// <summary>The first frame of an Execute invocation: returning from it leaves the loop.</summary>
    Entry = 8,
    /// <summary>
    /// A generic-for iterator called by TFORLOOP in the same loop (not nested), so that it may
    /// yield: when it returns, the loop finishes the caller's TFORLOOP.
    /// </summary>
    FinishTForLoop = 16,
    /// <summary>A Lua metamethod run by an opcode in the same loop: its return finishes the opcode.</summary>
    FinishMetamethod = 32,
    /// <summary>With FinishMetamethod: the result is negated (a &lt;= b computed as not (b &lt; a)).</summary>
    NegateResult = 64,
    /// <summary>
    /// Called directly by compiled code or a native on the .NET stack: its return goes back
    /// to that caller on the .NET stack, never into the frame below (which may be a pcall marker
    /// waiting for something else).
    /// </summary>
    Direct = 128,
}

/// <summary>
/// One activation on a thread's frame stack (Lua 5.1's CallInfo, which lstate.h keeps with the
/// thread). Lua frames hold the running closure and its pc; native frames exist so that errors
/// and tracebacks can name the function. The VM (src/LuaVm/Vm) pushes, pops and reads them.
/// </summary>
internal struct CallFrame
{
    /// <summary>The Lua closure, or null for a native or marker frame.</summary>
    public LuaClosure? Closure;
    /// <summary>The native function for native and pcall-marker frames.</summary>
    public NativeFunction? Native;
    /// <summary>Stack index of the called function value; results are moved here.</summary>
    public int FuncIndex;
    /// <summary>Stack index of register 0.</summary>
    public int Base;
    /// <summary>Next instruction (saved when the frame calls out or raises an error).</summary>
    public int SavedPc;
    /// <summary>Results the caller wants, or -1 for all of them.</summary>
    public int WantedResults;
    /// <summary>Start and count of the extra arguments of a vararg function.</summary>
    public int VarargBase, VarargCount;
    /// <summary>Number of tail calls collapsed into this frame (for tracebacks).</summary>
    public int TailCalls;
    public FrameFlags Flags;
    /// <summary>xpcall's message handler (marker frames only).</summary>
    public LuaValue Handler;
}
