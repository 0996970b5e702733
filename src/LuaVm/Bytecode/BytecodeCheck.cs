using static LuaVm.Bytecode.Instruction;

namespace LuaVm.Bytecode;

/// <summary>
/// Operand-range checks on loaded bytecode (a simpler cousin of lua5.1's luaG_checkcode): every
/// register, constant, upvalue, nested prototype and jump target an instruction names must exist,
/// so a corrupt binary chunk is rejected at load time instead of making the VM index out of range.
/// </summary>
internal static class BytecodeCheck
{
    /// <summary>True when every instruction's operands are in range and the code ends with RETURN.</summary>
    public static bool IsValid(Proto p)
    {
        var code = p.Code;
        if (code.Length == 0 || Op(code[^1]) != OpCode.Return) return false;
        if (p.NumParams > p.MaxStackSize && p.MaxStackSize > 0) return false;
        for (int pc = 0; pc < code.Length; pc++)
        {
            uint i = code[pc];
            if (Op(i) > OpCode.VarArg) return false;
            if (!CheckInstruction(p, pc, i, ref pc)) return false;
        }
        return true;
    }

    private static bool Reg(Proto p, int r) => r >= 0 && r < p.MaxStackSize;

    private static bool RK(Proto p, int rk) => IsConstant(rk) ? ConstantIndex(rk) < p.Constants.Length : Reg(p, rk);

    private static bool StringConstant(Proto p, int k) => k < p.Constants.Length && p.Constants[k].IsString;

    private static bool Target(Proto p, int pc, int sbx) => pc + 1 + sbx >= 0 && pc + 1 + sbx < p.Code.Length;

    /// <summary>Register range a..a+n-1 (n may be 0).</summary>
    private static bool Range(Proto p, int a, int n) => n == 0 ? a <= p.MaxStackSize : Reg(p, a) && Reg(p, a + n - 1);

    private static bool CheckInstruction(Proto p, int pc, uint i, ref int nextPc)
    {
        int a = A(i), b = B(i), c = C(i);
        switch (Op(i))
        {
            case OpCode.Move: return Reg(p, a) && Reg(p, b);
            case OpCode.LoadK: return Reg(p, a) && Bx(i) < p.Constants.Length;
            case OpCode.LoadBool: return Reg(p, a) && (c == 0 || pc + 2 < p.Code.Length);
            case OpCode.LoadNil: return Reg(p, a) && Reg(p, b) && a <= b;
            case OpCode.GetUpval:
            case OpCode.SetUpval: return Reg(p, a) && b < p.NumUpvalues;
            case OpCode.GetGlobal:
            case OpCode.SetGlobal: return Reg(p, a) && StringConstant(p, Bx(i));
            case OpCode.GetTable: return Reg(p, a) && Reg(p, b) && RK(p, c);
            case OpCode.SetTable: return Reg(p, a) && RK(p, b) && RK(p, c);
            case OpCode.NewTable: return Reg(p, a);
            case OpCode.Self: return Reg(p, a) && Reg(p, a + 1) && Reg(p, b) && RK(p, c);
            case OpCode.Add: case OpCode.Sub: case OpCode.Mul: case OpCode.Div: case OpCode.Mod: case OpCode.Pow:
                return Reg(p, a) && RK(p, b) && RK(p, c);
            case OpCode.Unm: case OpCode.Not: case OpCode.Len: return Reg(p, a) && Reg(p, b);
            case OpCode.Concat: return Reg(p, a) && Reg(p, b) && Reg(p, c) && b < c;
            case OpCode.Jmp: return Target(p, pc, SBx(i));
            case OpCode.Eq: case OpCode.Lt: case OpCode.Le:
                return RK(p, b) && RK(p, c) && pc + 1 < p.Code.Length && Op(p.Code[pc + 1]) == OpCode.Jmp;
            case OpCode.Test: return Reg(p, a) && pc + 1 < p.Code.Length && Op(p.Code[pc + 1]) == OpCode.Jmp;
            case OpCode.TestSet: return Reg(p, a) && Reg(p, b) && pc + 1 < p.Code.Length && Op(p.Code[pc + 1]) == OpCode.Jmp;
            case OpCode.Call: case OpCode.TailCall:
                return Reg(p, a) && (b == 0 || Range(p, a, b)) && (c == 0 || Range(p, a, c - 1));
            case OpCode.Return: return b == 0 ? a <= p.MaxStackSize : Range(p, a, b - 1);
            case OpCode.ForLoop: return Range(p, a, 4) && Target(p, pc, SBx(i));
            case OpCode.ForPrep: return Range(p, a, 4) && Target(p, pc, SBx(i));
            case OpCode.TForLoop: return Range(p, a, 3 + Math.Max(c, 1)) && pc + 1 < p.Code.Length && Op(p.Code[pc + 1]) == OpCode.Jmp;
            case OpCode.SetList:
                if (!Reg(p, a) || (b > 0 && !Range(p, a, b + 1))) return false;
                if (c == 0) nextPc++; // the next word is the batch number, not an instruction
                return nextPc < p.Code.Length;
            case OpCode.Close: return a <= p.MaxStackSize;
            case OpCode.Closure:
            {
                if (!Reg(p, a) || Bx(i) >= p.Protos.Length) return false;
                int nup = p.Protos[Bx(i)].NumUpvalues;
                for (int k = 1; k <= nup; k++)
                {
                    if (pc + k >= p.Code.Length) return false;
                    uint u = p.Code[pc + k];
                    bool ok = Op(u) == OpCode.Move ? Reg(p, B(u)) : Op(u) == OpCode.GetUpval && B(u) < p.NumUpvalues;
                    if (!ok) return false;
                }
                nextPc += nup;
                return true;
            }
            case OpCode.VarArg: return p.IsVararg && (b == 0 ? Reg(p, a) || a == p.MaxStackSize : Range(p, a, b - 1));
            default: return false;
        }
    }
}
