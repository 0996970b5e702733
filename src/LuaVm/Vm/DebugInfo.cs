using System.Text;
using LuaVm.Bytecode;
using LuaVm.Runtime;
using static LuaVm.Bytecode.Instruction;

namespace LuaVm.Vm;

/// <summary>
/// What the VM can tell about running code: the current line of a frame, the name a register
/// or a called function goes by (ldebug.c's getobjname), positions for error messages, and
/// tracebacks in lua5.1's format.
/// </summary>
internal static class DebugInfo
{
    /// <summary>The pc of the instruction a Lua frame is executing (SavedPc points past it).</summary>
    public static int CurrentPc(in CallFrame f) => Math.Max(f.SavedPc - 1, 0);

    public static int CurrentLine(in CallFrame f) => f.Closure is null ? -1 : f.Closure.Proto.GetLine(CurrentPc(f));

    /// <summary>"chunk:line:" for a Lua frame; "" otherwise.</summary>
    public static string Where(in CallFrame f)
    {
        if (f.Closure is null) return "";
        int line = CurrentLine(f);
        return $"{ChunkName.Format(f.Closure.Proto.Source)}:{line}: ";
    }

    /// <summary>
    /// A name for the value in <paramref name="register"/> at <paramref name="pc"/>: ("local", "x"),
    /// ("global", "print"), ("field", "insert"), ("upvalue", "u"), ("method", "m"), or null
    /// (ldebug.c's getobjname; a field or method with a non-constant key is named '?' as there).
    /// </summary>
    public static (string Kind, string Name)? ObjectName(Proto p, int pc, int register)
    {
        var local = p.GetLocalName(register + 1, pc);
        if (local is not null) return ("local", local);
        int setter = FindSetter(p, pc, register);
        if (setter < 0) return null;
        uint i = p.Code[setter];
        switch (Op(i))
        {
            case OpCode.GetGlobal:
                return ("global", p.Constants[Bx(i)].ToByteString());
            case OpCode.Move:
                int b = B(i);
                if (b < A(i)) return ObjectName(p, pc, b);
                break;
            case OpCode.GetTable:
                return ("field", ConstantName(p, C(i)));
            case OpCode.GetUpval:
                return ("upvalue", B(i) < p.UpvalueNames.Length ? p.UpvalueNames[B(i)] : "?");
            case OpCode.Self:
                return ("method", ConstantName(p, C(i)));
        }
        return null;
    }

    private static string ConstantName(Proto p, int rk) =>
        IsConstant(rk) && p.Constants[ConstantIndex(rk)].Obj is LuaString s ? s.ToLatin1String() : "?";

    /// <summary>
    /// The last instruction before <paramref name="lastPc"/> that wrote <paramref name="reg"/>,
    /// following forward jumps that do not pass <paramref name="lastPc"/> (ldebug.c's symbexec),
    /// so that "(a or a)()" names nothing, as in lua5.1. -1 when none.
    /// </summary>
    private static int FindSetter(Proto p, int lastPc, int reg)
    {
        int setter = -1;
        for (int pc = 0; pc < lastPc && pc < p.Code.Length; pc++)
        {
            uint i = p.Code[pc];
            var op = Op(i);
            int a = A(i);
            bool writesA = op switch
            {
                OpCode.SetGlobal or OpCode.SetUpval or OpCode.SetTable or OpCode.Jmp or OpCode.Eq or OpCode.Lt
                    or OpCode.Le or OpCode.Return or OpCode.TForLoop or OpCode.SetList or OpCode.Close => false,
                _ => true,
            };
            if (writesA && a == reg) setter = pc;
            switch (op)
            {
                case OpCode.LoadNil:
                    if (a <= reg && reg <= B(i)) setter = pc;
                    break;
                case OpCode.Self:
                    if (reg == a + 1) setter = pc;
                    break;
                case OpCode.TForLoop:
                    if (reg >= a + 2) setter = pc;
                    break;
                case OpCode.Call:
                case OpCode.TailCall:
                    if (reg >= a) setter = pc;
                    break;
                case OpCode.ForLoop:
                case OpCode.ForPrep:
                case OpCode.Jmp:
                    int dest = pc + 1 + SBx(i);
                    if (pc < dest && dest <= lastPc) pc += SBx(i);
                    break;
                case OpCode.SetList:
                    if (C(i) == 0) pc++;
                    break;
                case OpCode.Closure:
                    pc += p.Protos[Bx(i)].NumUpvalues; // skip the pseudo-instructions
                    break;
            }
        }
        return setter;
    }

    /// <summary>How the function running in frame <paramref name="index"/> was called: ("global", "f") etc., from its caller's CALL.</summary>
    public static (string Kind, string Name)? CalledAs(LuaThread thread, int index)
    {
        ref CallFrame f = ref thread.Frames[index];
        // as getfuncname: a Lua frame that tail calls replaced has no calling instruction of its own
        if ((f.Closure is not null && f.TailCalls > 0) || index == 0) return null;
        ref CallFrame caller = ref thread.Frames[index - 1];
        if (caller.Closure is null) return null;
        var p = caller.Closure.Proto;
        int pc = CurrentPc(caller);
        if (pc >= p.Code.Length) return null;
        uint i = p.Code[pc];
        var op = Op(i);
        // as lparser.c's getfuncname: the called register names the function (for TFORLOOP, the local "(for generator)")
        if (op is OpCode.Call or OpCode.TailCall or OpCode.TForLoop) return ObjectName(p, pc, A(i));
        return null;
    }

    /// <summary>The traceback of a thread from frame <paramref name="fromFrame"/> down, in lua5.1's format.</summary>
    public static string Traceback(LuaThread thread, int fromFrame, int skipLevels = 0)
    {
        // lua5.1's db_errorfb: the first 11 levels, "...", the last 10, when there are more
        // than 22. Each tail call collapsed into a frame is a level of its own, "(tail call): ?".
        // The main thread's chunk was called from C (lua.c, or the embedder), so its traceback
        // ends with that C caller, "[C]: ?", as lua5.1's does.
        var levels = new List<int>(); // frame index, or -1 for a tail call, or -2 for the host
        for (int i = fromFrame; i >= 0; i--)
        {
            levels.Add(i);
            int tails = thread.Frames[i].Closure is not null ? thread.Frames[i].TailCalls : 0;
            for (int k = 0; k < tails; k++) levels.Add(-1);
        }
        if (ReferenceEquals(thread, thread.State.MainThread)) levels.Add(-2);
        levels.RemoveRange(0, Math.Min(skipLevels, levels.Count));
        const int first = 11, last = 10;
        var sb = new StringBuilder("stack traceback:");
        for (int n = 0; n < levels.Count; n++)
        {
            if (n == first && levels.Count > first + 1 + last)
            {
                sb.Append("\n\t...");
                n = levels.Count - last - 1;
                continue;
            }
            int level = levels[n];
            if (level < 0)
            {
                sb.Append(level == -1 ? "\n\t(tail call): ?" : "\n\t[C]: ?");
                continue;
            }
            sb.Append("\n\t");
            AppendFrame(sb, thread, level, thread.Frames[level]);
        }
        return sb.ToString();
    }

    private static void AppendFrame(StringBuilder sb, LuaThread thread, int level, in CallFrame f)
    {
        if (f.Closure is null)
        {
            sb.Append("[C]: ");
            var name = CalledAs(thread, level);
            if (name is not null) sb.Append($"in function '{name.Value.Name}'");
            else sb.Append('?');
            return;
        }
        var p = f.Closure.Proto;
        sb.Append(ChunkName.Format(p.Source)).Append(':').Append(CurrentLine(f)).Append(':');
        // ldblib.c's order: the name the caller knows the function by, then "main chunk"
        var called = CalledAs(thread, level);
        if (called is not null) sb.Append($" in function '{called.Value.Name}'");
        else if (p.LineDefined == 0) sb.Append(" in main chunk");
        else sb.Append($" in function <{ChunkName.Format(p.Source)}:{p.LineDefined}>");
    }
}

/// <summary>Runtime errors with lua5.1's wording and positions.</summary>
internal static class Errors
{
    /// <summary>The innermost Lua frame of the thread (errors are positioned there).</summary>
    private static int CurrentLuaFrame(LuaThread thread)
    {
        int i = thread.FrameCount - 1;
        return i >= 0 && thread.Frames[i].Closure is not null ? i : -1;
    }

    public static LuaException RuntimeError(LuaThread thread, string message)
    {
        int fi = CurrentLuaFrame(thread);
        string where = fi >= 0 ? DebugInfo.Where(thread.Frames[fi]) : "";
        return LuaException.FromLatin1(where + message);
    }

    /// <summary>"attempt to OP local 'x' (a nil value)" (luaG_typeerror).</summary>
    public static LuaException TypeError(LuaThread thread, in LuaValue value, string operation, int register, bool absolute = false)
    {
        string type = value.TypeName();
        int fi = CurrentLuaFrame(thread);
        if (fi >= 0 && register >= 0)
        {
            ref CallFrame f = ref thread.Frames[fi];
            int reg = absolute ? register - f.Base : register;
            var name = reg >= 0 ? DebugInfo.ObjectName(f.Closure!.Proto, DebugInfo.CurrentPc(f), reg) : null;
            if (name is not null)
                return RuntimeError(thread, $"attempt to {operation} {name.Value.Kind} '{name.Value.Name}' (a {type} value)");
        }
        return RuntimeError(thread, $"attempt to {operation} a {type} value");
    }

    /// <summary>"attempt to compare number with nil" / "attempt to compare two table values".</summary>
    public static LuaException OrderError(LuaThread thread, in LuaValue a, in LuaValue b)
    {
        string t1 = a.TypeName(), t2 = b.TypeName();
        return RuntimeError(thread, t1 == t2 ? $"attempt to compare two {t1} values" : $"attempt to compare {t1} with {t2}");
    }
}
