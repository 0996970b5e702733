namespace LuaVm.Runtime;

/// <summary>
/// Which events a thread's debug hook wants (lua.h's LUA_MASK*), and the host's limits that make
/// the loop stop at every instruction the same way (<see cref="LuaThread"/>'s HookMask).
/// </summary>
[Flags]
internal enum HookMask : byte
{
    None = 0,
    Call = 1,
    Return = 2,
    Line = 4,
    Count = 8,
    /// <summary>LuaState.InstructionLimit is set: every instruction is counted (not a debug hook).</summary>
    Budget = 16,
    /// <summary>LuaState.Interrupt was called (maybe from another thread): the next instruction raises its error.</summary>
    Interrupt = 32,
    /// <summary>The events of debug.sethook.</summary>
    DebugHooks = Call | Return | Line | Count,
    /// <summary>What debug.sethook leaves alone: the host's limits are not debug hooks.</summary>
    HostLimits = Budget | Interrupt,
}
