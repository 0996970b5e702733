namespace LuaVm.Compiler;

/// <summary>
/// What a pending expression is (lparser.h's expkind). The compiler keeps an expression pending
/// as long as possible so that it can be placed directly where it is needed: a constant becomes
/// an RK operand, a local needs no instruction, a comparison stays a jump.
/// </summary>
internal enum ExpKind : byte
{
    /// <summary>No value (empty expression list).</summary>
    Void,
    /// <summary>nil.</summary>
    Nil,
    /// <summary>true.</summary>
    True,
    /// <summary>false.</summary>
    False,
    /// <summary>Constant; Info = constant index.</summary>
    Constant,
    /// <summary>Number constant not yet in the table; NumberValue holds it.</summary>
    Number,
    /// <summary>Local variable; Info = register.</summary>
    Local,
    /// <summary>Upvalue; Info = upvalue index.</summary>
    Upvalue,
    /// <summary>Global; Info = constant index of its name.</summary>
    Global,
    /// <summary>Table field; Info = table register, Aux = key RK.</summary>
    Indexed,
    /// <summary>A comparison or test; Info = pc of its jump.</summary>
    Jump,
    /// <summary>Result can go to any register; Info = pc of the instruction whose A is still open.</summary>
    Relocatable,
    /// <summary>Value is in a fixed register; Info = register.</summary>
    NonRelocatable,
    /// <summary>Function call; Info = pc of the CALL.</summary>
    Call,
    /// <summary>Vararg expression; Info = pc of the VARARG.</summary>
    Vararg,
}

/// <summary>A pending expression (lparser.h's expdesc) with its true/false jump lists.</summary>
internal struct ExpDesc
{
    public ExpKind Kind;
    public int Info;
    public int Aux;
    public double NumberValue;
    /// <summary>Patch list of "exit when true".</summary>
    public int TrueList;
    /// <summary>Patch list of "exit when false".</summary>
    public int FalseList;

    public ExpDesc(ExpKind kind, int info)
    {
        Kind = kind;
        Info = info;
        Aux = 0;
        NumberValue = 0;
        TrueList = FuncState.NoJump;
        FalseList = FuncState.NoJump;
    }

    public static ExpDesc Number(double value) => new(ExpKind.Number, 0) { NumberValue = value };

    public readonly bool HasJumps => TrueList != FalseList;

    public readonly bool HasMultipleResults => Kind is ExpKind.Call or ExpKind.Vararg;

    /// <summary>A numeric literal with no pending jumps: eligible for constant folding.</summary>
    public readonly bool IsNumeral => Kind == ExpKind.Number && TrueList == FuncState.NoJump && FalseList == FuncState.NoJump;
}
