namespace LuaVm.Bytecode;

/// <summary>
/// The instruction set: Lua 5.1's 38 opcodes, in lopcodes.h order, with the same operands.
/// Notation: R(x) register x; Kst(x) constant x; RK(x) register x, or constant x-256 when
/// x &gt;= 256 (see <see cref="Instruction.IsConstant"/>); Gbl[k] global k; UpValue[x] upvalue x;
/// pc the index of the next instruction. docs/bytecode.md describes each one in prose.
/// </summary>
public enum OpCode : byte
{
    /// <summary>A B: R(A) := R(B)</summary>
    Move,
    /// <summary>A Bx: R(A) := Kst(Bx)</summary>
    LoadK,
    /// <summary>A B C: R(A) := (Bool)B; if (C) pc++</summary>
    LoadBool,
    /// <summary>A B: R(A) := ... := R(B) := nil</summary>
    LoadNil,
    /// <summary>A B: R(A) := UpValue[B]</summary>
    GetUpval,
    /// <summary>A Bx: R(A) := Gbl[Kst(Bx)]</summary>
    GetGlobal,
    /// <summary>A B C: R(A) := R(B)[RK(C)]</summary>
    GetTable,
    /// <summary>A Bx: Gbl[Kst(Bx)] := R(A)</summary>
    SetGlobal,
    /// <summary>A B: UpValue[B] := R(A)</summary>
    SetUpval,
    /// <summary>A B C: R(A)[RK(B)] := RK(C)</summary>
    SetTable,
    /// <summary>A B C: R(A) := {} (B = array size hint, C = hash size hint, both "floating point bytes")</summary>
    NewTable,
    /// <summary>A B C: R(A+1) := R(B); R(A) := R(B)[RK(C)]</summary>
    Self,
    /// <summary>A B C: R(A) := RK(B) + RK(C)</summary>
    Add,
    /// <summary>A B C: R(A) := RK(B) - RK(C)</summary>
    Sub,
    /// <summary>A B C: R(A) := RK(B) * RK(C)</summary>
    Mul,
    /// <summary>A B C: R(A) := RK(B) / RK(C)</summary>
    Div,
    /// <summary>A B C: R(A) := RK(B) % RK(C)</summary>
    Mod,
    /// <summary>A B C: R(A) := RK(B) ^ RK(C)</summary>
    Pow,
    /// <summary>A B: R(A) := -R(B)</summary>
    Unm,
    /// <summary>A B: R(A) := not R(B)</summary>
    Not,
    /// <summary>A B: R(A) := length of R(B)</summary>
    Len,
    /// <summary>A B C: R(A) := R(B).. ... ..R(C)</summary>
    Concat,
    /// <summary>sBx: pc += sBx</summary>
    Jmp,
    /// <summary>A B C: if ((RK(B) == RK(C)) ~= A) then pc++</summary>
    Eq,
    /// <summary>A B C: if ((RK(B) &lt; RK(C)) ~= A) then pc++</summary>
    Lt,
    /// <summary>A B C: if ((RK(B) &lt;= RK(C)) ~= A) then pc++</summary>
    Le,
    /// <summary>A C: if not (R(A) &lt;=&gt; C) then pc++</summary>
    Test,
    /// <summary>A B C: if (R(B) &lt;=&gt; C) then R(A) := R(B) else pc++</summary>
    TestSet,
    /// <summary>A B C: R(A), ... ,R(A+C-2) := R(A)(R(A+1), ... ,R(A+B-1)); B=0: args up to top; C=0: keep all results</summary>
    Call,
    /// <summary>A B C: return R(A)(R(A+1), ... ,R(A+B-1))</summary>
    TailCall,
    /// <summary>A B: return R(A), ... ,R(A+B-2); B=0: up to top</summary>
    Return,
    /// <summary>A sBx: R(A) += R(A+2); if R(A) &lt;?= R(A+1) then { pc += sBx; R(A+3) = R(A) }</summary>
    ForLoop,
    /// <summary>A sBx: R(A) -= R(A+2); pc += sBx</summary>
    ForPrep,
    /// <summary>A C: R(A+3), ... ,R(A+2+C) := R(A)(R(A+1), R(A+2)); if R(A+3) ~= nil then R(A+2) = R(A+3) else pc++</summary>
    TForLoop,
    /// <summary>A B C: R(A)[(C-1)*FPF+i] := R(A+i), 1 &lt;= i &lt;= B; B=0: up to top; C=0: next instruction holds C</summary>
    SetList,
    /// <summary>A: close all open upvalues at or above R(A)</summary>
    Close,
    /// <summary>A Bx: R(A) := closure(KPROTO[Bx]); followed by one MOVE (local) or GETUPVAL (upvalue) per upvalue</summary>
    Closure,
    /// <summary>A B: R(A), R(A+1), ..., R(A+B-2) = vararg; B=0: all of them, up to top</summary>
    VarArg,
}
