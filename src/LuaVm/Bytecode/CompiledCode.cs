using LuaVm.Runtime;

namespace LuaVm.Bytecode;

/// <summary>
/// A function's compiled form (<see cref="Proto.Compiled"/>): runs the function's instructions
/// from <paramref name="pc"/> on the frame whose register 0 is <paramref name="registers"/>, and
/// returns the pc of the first instruction it leaves to the interpreter (a metamethod, a
/// hook...), or a negative exit code when it made a call or a return itself (the exit protocol
/// is defined in Vm/CompiledExit.cs). The compiling tier (src/LuaVm/Jit) makes these; the
/// interpreter calls them.
/// </summary>
internal delegate int CompiledCode(LuaThread thread, ref LuaValue registers, int @base, LuaClosure closure, int pc);
