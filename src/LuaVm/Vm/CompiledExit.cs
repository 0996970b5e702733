using LuaVm.Runtime;

namespace LuaVm.Vm;

/// <summary>
/// The compiled-code exit protocol: what a function's compiled code (<see cref="Bytecode.CompiledCode"/>,
/// made by src/LuaVm/Jit) returns to whoever ran it. A value &gt;= 0 is the pc of the first
/// instruction it leaves to the interpreter (a slow path, a hook, an opcode it has no fast path
/// for); Run interprets from there with Top as the code left it. A negative value is one of the
/// codes below: the code made a call or a return itself, or a native it called yielded or asked
/// for a collection. <see cref="Interpreter.AfterCompiledExit"/> is where Run acts on them; the
/// VM's helpers for compiled code (Interpreter.Compiled.cs) produce them, and those that run
/// compiled code outside Run (a direct call, a resume from compiled code) act on the few they
/// can and leave the rest to Run as the thread's pending exit
/// (<see cref="ThreadProtocol.LeavePending"/>).
/// </summary>
internal static class CompiledExit
{
    /// <summary>A CALL or TAILCALL pushed a Lua frame: the loop continues in the callee.</summary>
    public const int Called = -1;
    /// <summary>A RETURN popped the frame: the loop continues in the caller (with Keep Top as the return set it).</summary>
    public const int Returned = -2;
    /// <summary>A native called by a CALL suspended the coroutine: the loop returns to its resumer.</summary>
    public const int Yielded = -3;
    /// <summary>A native called by a CALL asked for a collection, which Execute runs before the next instruction.</summary>
    public const int ToCollect = -4;
    /// <summary>Never an exit: what the VM's helpers return to compiled code when the call is done and it goes on.</summary>
    public const int CallDone = -5;
    /// <summary>The thread now current is another (a resume switched to it) or has a pending exit: the loop goes on with it.</summary>
    public const int Switched = -6;
    /// <summary>Only as a pending exit: the coroutine's code raised an error, which Run raises again.</summary>
    public const int Raised = -7;
}

internal static partial class Interpreter
{
    /// <summary>
    /// What Run does after compiled code returned the negative <paramref name="exit"/>: returns
    /// the thread the loop goes on with (at its top frame, taking its Keep Top), or null when
    /// Run returns <paramref name="result"/> to Execute.
    /// </summary>
    private static LuaThread? AfterCompiledExit(LuaThread t, int exit, out ExecResult result)
    {
        result = ExecResult.Returned;
        switch (exit)
        {
            case CompiledExit.Called:
            case CompiledExit.Returned:
                return t;
            case CompiledExit.ToCollect:
                result = ExecResult.CollectRequested;
                return null;
            case CompiledExit.Switched:
                return t.State.CurrentThread;
            default: // Yielded
                result = ExecResult.Yielded;
                return SwitchToResumer(t);
        }
    }
}
