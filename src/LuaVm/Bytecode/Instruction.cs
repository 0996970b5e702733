using System.Runtime.CompilerServices;

namespace LuaVm.Bytecode;

/// <summary>
/// The 32-bit instruction format, defined here and only here (Lua 5.1's layout):
/// <code>
///  31      23 22     14 13    6 5    0
///  [   B    ][   C    ][  A   ][ op ]    iABC
///  [       Bx        ][  A   ][ op ]    iABx   (sBx = Bx - MaxSBx)
/// </code>
/// </summary>
public static class Instruction
{
    /// <summary>Width of the opcode field.</summary>
    public const int SizeOp = 6;
    /// <summary>Width of A.</summary>
    public const int SizeA = 8;
    /// <summary>Width of B and of C.</summary>
    public const int SizeB = 9, SizeC = 9;
    /// <summary>Width of Bx.</summary>
    public const int SizeBx = SizeB + SizeC;
    /// <summary>Bit positions.</summary>
    public const int PosA = SizeOp, PosC = PosA + SizeA, PosB = PosC + SizeC, PosBx = PosC;

    /// <summary>Largest A.</summary>
    public const int MaxA = (1 << SizeA) - 1;
    /// <summary>Largest B or C.</summary>
    public const int MaxB = (1 << SizeB) - 1, MaxC = (1 << SizeC) - 1;
    /// <summary>Largest Bx.</summary>
    public const int MaxBx = (1 << SizeBx) - 1;
    /// <summary>Bias of sBx.</summary>
    public const int MaxSBx = MaxBx >> 1;

    /// <summary>RK operands with this bit set name a constant (index = operand - ConstantBit).</summary>
    public const int ConstantBit = 1 << (SizeB - 1);
    /// <summary>Largest constant index usable as an RK operand.</summary>
    public const int MaxRKConstant = ConstantBit - 1;

    /// <summary>Values per SETLIST flush (LFIELDS_PER_FLUSH).</summary>
    public const int FieldsPerFlush = 50;

    /// <summary>The opcode.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static OpCode Op(uint i) => (OpCode)(i & 0x3F);
    /// <summary>Operand A.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int A(uint i) => (int)(i >> PosA) & MaxA;
    /// <summary>Operand B.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int B(uint i) => (int)(i >> PosB) & MaxB;
    /// <summary>Operand C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int C(uint i) => (int)(i >> PosC) & MaxC;
    /// <summary>Operand Bx.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Bx(uint i) => (int)(i >> PosBx);
    /// <summary>Operand sBx.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SBx(uint i) => (int)(i >> PosBx) - MaxSBx;

    /// <summary>Encodes an iABC instruction.</summary>
    public static uint CreateABC(OpCode op, int a, int b, int c) =>
        (uint)op | ((uint)a << PosA) | ((uint)b << PosB) | ((uint)c << PosC);
    /// <summary>Encodes an iABx instruction.</summary>
    public static uint CreateABx(OpCode op, int a, int bx) =>
        (uint)op | ((uint)a << PosA) | ((uint)bx << PosBx);
    /// <summary>Encodes an iAsBx instruction.</summary>
    public static uint CreateAsBx(OpCode op, int a, int sbx) => CreateABx(op, a, sbx + MaxSBx);

    /// <summary>Replaces A.</summary>
    public static uint SetA(uint i, int a) => (i & ~((uint)MaxA << PosA)) | ((uint)a << PosA);
    /// <summary>Replaces B.</summary>
    public static uint SetB(uint i, int b) => (i & ~((uint)MaxB << PosB)) | ((uint)b << PosB);
    /// <summary>Replaces C.</summary>
    public static uint SetC(uint i, int c) => (i & ~((uint)MaxC << PosC)) | ((uint)c << PosC);
    /// <summary>Replaces sBx.</summary>
    public static uint SetSBx(uint i, int sbx) => (i & ((1u << PosBx) - 1)) | ((uint)(sbx + MaxSBx) << PosBx);

    /// <summary>True when an RK operand names a constant.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsConstant(int rk) => (rk & ConstantBit) != 0;
    /// <summary>The constant index of an RK operand that names a constant.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ConstantIndex(int rk) => rk & ~ConstantBit;
    /// <summary>The RK operand for constant index k.</summary>
    public static int RKConstant(int k) => k | ConstantBit;

    /// <summary>Decodes a "floating point byte" (eeeeexxx) as used by NEWTABLE's size hints.</summary>
    public static int FloatByteToInt(int x)
    {
        int e = (x >> 3) & 31;
        return e == 0 ? x : ((x & 7) + 8) << (e - 1);
    }

    /// <summary>Encodes an int as a "floating point byte", rounding up.</summary>
    public static int IntToFloatByte(int x)
    {
        int e = 0;
        while (x >= 16)
        {
            x = (x + 1) >> 1;
            e++;
        }
        return x < 8 ? x : ((e + 1) << 3) | (x - 8);
    }
}
