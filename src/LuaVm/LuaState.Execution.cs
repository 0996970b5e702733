using LuaVm.Runtime;

namespace LuaVm;

// Running code. The interpreter in Vm/ implements these; the bodies below are placeholders
// owned by the VM work and replaced by it.
public sealed partial class LuaState
{
    /// <summary>
    /// Compiles a chunk (source text, or a binary chunk from string.dump) into a function whose
    /// environment is <paramref name="env"/> (default: the globals). Throws <see cref="LuaException"/>
    /// with lua5.1's message ("chunk:line: message near 'token'") on a syntax error.
    /// </summary>
    public LuaClosure Load(ReadOnlySpan<byte> chunk, string chunkName, LuaTable? env = null)
    {
        var proto = Compiler.LuaCompiler.Compile(chunk, chunkName);
        var closure = new LuaClosure(proto, env ?? Globals);
        return closure;
    }

    /// <summary>
    /// Calls a Lua value with arguments on the main thread and returns all its results. A Lua error
    /// surfaces as <see cref="LuaException"/> with <see cref="LuaException.LuaTraceback"/> set.
    /// </summary>
    public LuaValue[] Call(LuaValue function, params LuaValue[] args) =>
        throw new LuaException("the interpreter is not available yet");

    /// <summary>Compiles and runs a string; returns the chunk's results.</summary>
    public LuaValue[] DoString(string code, string chunkName = "=(string)") =>
        Call(Load(LuaString.FromLatin1(code).Bytes, chunkName));

    /// <summary>Compiles and runs a file (chunk name "@path"); returns the chunk's results.</summary>
    public LuaValue[] DoFile(string path) => Call(Load(File.ReadAllBytes(path), "@" + path));

    /// <summary>Creates a coroutine running <paramref name="function"/> (coroutine.create).</summary>
    public LuaThread NewThread(LuaFunction function) =>
        throw new LuaException("the interpreter is not available yet");

    /// <summary>
    /// Resumes a suspended coroutine with arguments, running it until it yields, returns or fails.
    /// This is how a host continues a coroutine that a native function suspended with
    /// <see cref="CallContext.Yield(int)"/>: the arguments become that native function's results.
    /// </summary>
    public ResumeResult Resume(LuaThread coroutine, params LuaValue[] args) =>
        throw new LuaException("the interpreter is not available yet");

    /// <summary>tostring() semantics, __tostring included.</summary>
    public LuaString ToStringMeta(LuaValue value) => LuaString.FromLatin1(value.ToString());
}
