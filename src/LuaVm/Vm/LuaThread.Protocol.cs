using LuaVm.Vm;

namespace LuaVm.Runtime;

// The VM's half of a thread: the per-thread protocol state of the interpreter, declared here in
// Vm/ so that Runtime/ (the thread's stack, frames, status and hooks) names nothing of the VM.
public sealed partial class LuaThread
{
    /// <summary>The interpreter's per-thread protocol state (see <see cref="ThreadProtocol"/>).</summary>
    internal ThreadProtocol Protocol;
}
