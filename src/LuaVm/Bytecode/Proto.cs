using LuaVm.Runtime;

namespace LuaVm.Bytecode;

/// <summary>A local variable's name and the pc range where it is active (for debug info and errors).</summary>
public readonly record struct LocalVarInfo(string Name, int StartPc, int EndPc);

/// <summary>
/// A compiled function prototype (Lua 5.1's Proto): the code, constants, nested prototypes and
/// debug information. Immutable once the compiler has finished it; closures share it.
/// </summary>
public sealed class Proto
{
    /// <summary>The instructions (see <see cref="Instruction"/>).</summary>
    public uint[] Code = [];
    /// <summary>Source line of each instruction.</summary>
    public int[] LineInfo = [];
    /// <summary>Constants: nil, booleans, numbers and strings.</summary>
    public LuaValue[] Constants = [];
    /// <summary>Functions defined inside this one (indexed by CLOSURE's Bx).</summary>
    public Proto[] Protos = [];
    /// <summary>Local variables with their live pc ranges.</summary>
    public LocalVarInfo[] LocVars = [];
    /// <summary>Upvalue names, in upvalue index order.</summary>
    public string[] UpvalueNames = [];
    /// <summary>The chunk name ("@file.lua", "=stdin", or the source string itself).</summary>
    public string Source = "?";
    /// <summary>Line where the function starts (0 for the main chunk).</summary>
    public int LineDefined;
    /// <summary>Line of the function's "end".</summary>
    public int LastLineDefined;
    /// <summary>Number of upvalues.</summary>
    public int NumUpvalues;
    /// <summary>Number of fixed parameters.</summary>
    public int NumParams;
    /// <summary>True for functions declared with "..." (and the main chunk).</summary>
    public bool IsVararg;
    /// <summary>
    /// Lua 5.1's LUA_COMPAT_VARARG: a vararg function that never mentions "..." gets a local
    /// table "arg" holding its extra arguments (with field n), as lua5.1 does.
    /// </summary>
    public bool NeedsArgTable;
    /// <summary>Registers this function needs.</summary>
    public int MaxStackSize;

    /// <summary>The compiling tier's code for this function, once it ran hot; null until then.</summary>
    internal CompiledCode? Compiled;
    /// <summary>Calls and backward jumps left until the interpreter asks the compiling tier to compile this function.</summary>
    internal int HotCountdown = 1;
    /// <summary>How far the countdown has come: 0 not started, 1 first half, 2 second half (the call targets are noted), 3 done.</summary>
    internal byte HotPhase;
    /// <summary>
    /// Noted by the interpreter while the second half of the countdown runs, and kept once
    /// compiled: for each CALL and TAILCALL, what it called (Vm/CallTargets.cs), so that the
    /// compiling tier can inline small functions (Jit/Inlining.cs). Null before.
    /// </summary>
    internal object?[]? CallTargets;
    /// <summary>How many bodies the compiling tier inlined in this function's code, counting those inside inlined bodies (tests read it).</summary>
    internal int InlinedCalls;
    /// <summary>Identifies this prototype to compiled code that inlined it (unique for the process's life).</summary>
    internal readonly long Id = Interlocked.Increment(ref s_lastId);
    private static long s_lastId;

    /// <summary>The name of the <paramref name="localNumber"/>-th active local (1-based) at <paramref name="pc"/>, or null (luaF_getlocalname).</summary>
    public string? GetLocalName(int localNumber, int pc)
    {
        foreach (var v in LocVars)
        {
            if (v.StartPc > pc) break;
            if (pc < v.EndPc)
            {
                localNumber--;
                if (localNumber == 0) return v.Name;
            }
        }
        return null;
    }

    /// <summary>The source line of the instruction at <paramref name="pc"/>, or -1.</summary>
    public int GetLine(int pc) => (uint)pc < (uint)LineInfo.Length ? LineInfo[pc] : -1;
}
