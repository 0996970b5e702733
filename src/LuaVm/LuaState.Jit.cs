namespace LuaVm;

// The compiling tier's setting (docs/vm.md, "The compiling tier").
public sealed partial class LuaState
{
    /// <summary>The default of <see cref="JitThreshold"/>.</summary>
    public const int DefaultJitThreshold = 1000;

    /// <summary>
    /// How many calls and loop iterations a Lua function runs in the interpreter before it is
    /// compiled to .NET code (Jit/JitCompiler). 0 keeps everything interpreted; 1 compiles each
    /// function when it first runs (the test suite uses it to run every case through compiled
    /// code). Functions already counting keep the threshold they started with. Code running
    /// under a hook or an instruction budget always runs in the interpreter.
    /// </summary>
    public int JitThreshold { get; set; } = DefaultJitThreshold;
}
