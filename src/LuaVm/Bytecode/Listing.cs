using System.Globalization;
using System.Text;
using LuaVm.Runtime;
using static LuaVm.Bytecode.Instruction;

namespace LuaVm.Bytecode;

/// <summary>
/// The bytecode listing printed by <c>kraken --list</c>, in the format of <c>luac5.1 -l -l</c>:
/// a header per function, one line per instruction (pc, [line], opcode, operands, and a comment
/// naming constants, upvalues and jump targets), then the constants, locals and upvalues.
/// Constants in operands are shown as -1-index, registers as plain numbers, as luac does.
/// </summary>
public static class Listing
{
    private enum ArgMode : byte { N, U, R, K }

    // B and C operand modes of each opcode (lopcodes.c's opmodes), indexed by OpCode.
    private static readonly (ArgMode B, ArgMode C)[] Modes =
    [
        (ArgMode.R, ArgMode.N), // Move
        (ArgMode.K, ArgMode.N), // LoadK
        (ArgMode.U, ArgMode.U), // LoadBool
        (ArgMode.R, ArgMode.N), // LoadNil
        (ArgMode.U, ArgMode.N), // GetUpval
        (ArgMode.K, ArgMode.N), // GetGlobal
        (ArgMode.R, ArgMode.K), // GetTable
        (ArgMode.K, ArgMode.N), // SetGlobal
        (ArgMode.U, ArgMode.N), // SetUpval
        (ArgMode.K, ArgMode.K), // SetTable
        (ArgMode.U, ArgMode.U), // NewTable
        (ArgMode.R, ArgMode.K), // Self
        (ArgMode.K, ArgMode.K), // Add
        (ArgMode.K, ArgMode.K), // Sub
        (ArgMode.K, ArgMode.K), // Mul
        (ArgMode.K, ArgMode.K), // Div
        (ArgMode.K, ArgMode.K), // Mod
        (ArgMode.K, ArgMode.K), // Pow
        (ArgMode.R, ArgMode.N), // Unm
        (ArgMode.R, ArgMode.N), // Not
        (ArgMode.R, ArgMode.N), // Len
        (ArgMode.R, ArgMode.R), // Concat
        (ArgMode.R, ArgMode.N), // Jmp
        (ArgMode.K, ArgMode.K), // Eq
        (ArgMode.K, ArgMode.K), // Lt
        (ArgMode.K, ArgMode.K), // Le
        (ArgMode.R, ArgMode.U), // Test
        (ArgMode.R, ArgMode.U), // TestSet
        (ArgMode.U, ArgMode.U), // Call
        (ArgMode.U, ArgMode.U), // TailCall
        (ArgMode.U, ArgMode.N), // Return
        (ArgMode.R, ArgMode.N), // ForLoop
        (ArgMode.R, ArgMode.N), // ForPrep
        (ArgMode.N, ArgMode.U), // TForLoop
        (ArgMode.U, ArgMode.U), // SetList
        (ArgMode.N, ArgMode.N), // Close
        (ArgMode.U, ArgMode.N), // Closure
        (ArgMode.U, ArgMode.N), // VarArg
    ];

    /// <summary>The opcode's name as luac prints it (upper case).</summary>
    public static string Name(OpCode op) => op.ToString().ToUpperInvariant();

    /// <summary>Writes the listing of a function and, recursively, of the functions it defines.</summary>
    public static void Write(Proto proto, TextWriter output)
    {
        WriteHeader(proto, output);
        WriteCode(proto, output);
        WriteDebug(proto, output);
        foreach (var p in proto.Protos) Write(p, output);
    }

    private static string Id(Proto p) => $"0x{LuaValue.AddressOf(p):x8}";

    private static string Plural(int n, string word) => $"{n} {word}{(n == 1 ? "" : "s")}";

    private static void WriteHeader(Proto f, TextWriter o)
    {
        string s = f.Source;
        s = s.StartsWith('@') || s.StartsWith('=') ? s[1..] : s.StartsWith('\x1b') ? "(bstring)" : "(string)";
        o.Write($"\n{(f.LineDefined == 0 ? "main" : "function")} <{s}:{f.LineDefined},{f.LastLineDefined}> ");
        o.WriteLine($"({Plural(f.Code.Length, "instruction")}, {f.Code.Length * 4} bytes at {Id(f)})");
        o.Write($"{f.NumParams}{(f.IsVararg ? "+" : "")} param{(f.NumParams == 1 ? "" : "s")}, {Plural(f.MaxStackSize, "slot")}, {Plural(f.NumUpvalues, "upvalue")}, ");
        o.WriteLine($"{Plural(f.LocVars.Length, "local")}, {Plural(f.Constants.Length, "constant")}, {Plural(f.Protos.Length, "function")}");
    }

    private static void WriteCode(Proto f, TextWriter o)
    {
        var code = f.Code;
        for (int pc = 0; pc < code.Length; pc++)
        {
            uint i = code[pc];
            var op = Op(i);
            int a = A(i), b = B(i), c = C(i), bx = Bx(i), sbx = SBx(i);
            int line = f.GetLine(pc);
            var sb = new StringBuilder();
            sb.Append('\t').Append(pc + 1).Append('\t');
            sb.Append(line > 0 ? $"[{line}]\t" : "[-]\t");
            sb.Append(Name(op).PadRight(9)).Append('\t');
            switch (op)
            {
                case OpCode.LoadK or OpCode.GetGlobal or OpCode.SetGlobal:
                    sb.Append(a).Append(' ').Append(-1 - bx);
                    break;
                case OpCode.Closure:
                    sb.Append(a).Append(' ').Append(bx);
                    break;
                case OpCode.Jmp:
                    sb.Append(sbx);
                    break;
                case OpCode.ForLoop or OpCode.ForPrep:
                    sb.Append(a).Append(' ').Append(sbx);
                    break;
                default:
                    var (bm, cm) = Modes[(int)op];
                    sb.Append(a);
                    if (bm != ArgMode.N) sb.Append(' ').Append(IsConstant(b) && bm == ArgMode.K ? -1 - ConstantIndex(b) : b);
                    if (cm != ArgMode.N) sb.Append(' ').Append(IsConstant(c) && cm == ArgMode.K ? -1 - ConstantIndex(c) : c);
                    break;
            }
            switch (op)
            {
                case OpCode.LoadK:
                    sb.Append("\t; ").Append(Constant(f, bx));
                    break;
                case OpCode.GetUpval or OpCode.SetUpval:
                    sb.Append("\t; ").Append(f.UpvalueNames.Length > 0 ? f.UpvalueNames[b] : "-");
                    break;
                case OpCode.GetGlobal or OpCode.SetGlobal:
                    sb.Append("\t; ").Append(f.Constants[bx].ToByteString());
                    break;
                case OpCode.GetTable or OpCode.Self:
                    if (IsConstant(c)) sb.Append("\t; ").Append(Constant(f, ConstantIndex(c)));
                    break;
                case OpCode.SetTable or OpCode.Add or OpCode.Sub or OpCode.Mul or OpCode.Div or OpCode.Pow
                    or OpCode.Eq or OpCode.Lt or OpCode.Le:
                    if (IsConstant(b) || IsConstant(c))
                    {
                        sb.Append("\t; ").Append(IsConstant(b) ? Constant(f, ConstantIndex(b)) : "-");
                        sb.Append(' ').Append(IsConstant(c) ? Constant(f, ConstantIndex(c)) : "-");
                    }
                    break;
                case OpCode.Jmp or OpCode.ForLoop or OpCode.ForPrep:
                    sb.Append("\t; to ").Append(sbx + pc + 2);
                    break;
                case OpCode.Closure:
                    sb.Append("\t; ").Append(Id(f.Protos[bx]));
                    break;
                case OpCode.SetList:
                    sb.Append("\t; ").Append(c == 0 ? (int)code[++pc] : c);
                    break;
            }
            o.WriteLine(sb.ToString());
        }
    }

    private static void WriteDebug(Proto f, TextWriter o)
    {
        o.WriteLine($"constants ({f.Constants.Length}) for {Id(f)}:");
        for (int i = 0; i < f.Constants.Length; i++) o.WriteLine($"\t{i + 1}\t{Constant(f, i)}");
        o.WriteLine($"locals ({f.LocVars.Length}) for {Id(f)}:");
        for (int i = 0; i < f.LocVars.Length; i++)
        {
            var v = f.LocVars[i];
            o.WriteLine($"\t{i}\t{v.Name}\t{v.StartPc + 1}\t{v.EndPc + 1}");
        }
        o.WriteLine($"upvalues ({f.UpvalueNames.Length}) for {Id(f)}:");
        for (int i = 0; i < f.UpvalueNames.Length; i++) o.WriteLine($"\t{i}\t{f.UpvalueNames[i]}");
    }

    /// <summary>A constant as luac prints it: strings quoted with C escapes, numbers with %.14g.</summary>
    public static string Constant(Proto f, int index)
    {
        var k = f.Constants[index];
        if (k.Obj is not LuaString s) return k.ToByteString();
        var sb = new StringBuilder("\"");
        foreach (byte c in s.Bytes)
        {
            switch (c)
            {
                case (byte)'"': sb.Append("\\\""); break;
                case (byte)'\\': sb.Append("\\\\"); break;
                case 7: sb.Append("\\a"); break;
                case 8: sb.Append("\\b"); break;
                case 12: sb.Append("\\f"); break;
                case 10: sb.Append("\\n"); break;
                case 13: sb.Append("\\r"); break;
                case 9: sb.Append("\\t"); break;
                case 11: sb.Append("\\v"); break;
                default:
                    if (c >= 32 && c < 127) sb.Append((char)c);
                    else sb.Append('\\').Append(c.ToString("000", CultureInfo.InvariantCulture));
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
