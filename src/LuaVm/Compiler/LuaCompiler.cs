using LuaVm.Bytecode;
using LuaVm.Runtime;

namespace LuaVm.Compiler;

/// <summary>Entry point of the compiler: source text to a main-chunk prototype.</summary>
public static class LuaCompiler
{
    /// <summary>
    /// Parses and compiles a chunk. The source is bytes (read as Latin-1 so every byte survives).
    /// Throws <see cref="LuaException"/> with lua5.1's syntax error message.
    /// </summary>
    public static Proto Compile(ReadOnlySpan<byte> source, string chunkName)
    {
        _ = source;
        throw new LuaException(ChunkName.Format(chunkName) + ": the compiler is not available yet");
    }
}
