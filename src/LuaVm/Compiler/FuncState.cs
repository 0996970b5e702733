using LuaVm.Bytecode;
using LuaVm.Runtime;
using static LuaVm.Bytecode.Instruction;

namespace LuaVm.Compiler;

/// <summary>Binary operators, in the order the code generator dispatches them.</summary>
internal enum BinOpr { Add, Sub, Mul, Div, Mod, Pow, Concat, Ne, Eq, Lt, Le, Gt, Ge, And, Or }

/// <summary>Unary operators.</summary>
internal enum UnOpr { Minus, Not, Len }

/// <summary>A local variable's debug record while its function is being compiled.</summary>
internal sealed class LocalVarSlot(string name)
{
    public readonly string Name = name;
    public int StartPc;
    public int EndPc;
}

/// <summary>A block's bookkeeping (lparser.c's BlockCnt).</summary>
internal sealed class BlockScope
{
    public BlockScope? Previous;
    public int BreakList = FuncState.NoJump;
    public int ActiveLocalsAtEntry;
    public bool HasCapturedLocal;
    public bool IsLoop;
}

/// <summary>
/// The state of one function being compiled, and the code emission primitives of PUC-Rio's
/// lcode.c: registers, constants, jump lists, and the discharge of pending expressions.
/// </summary>
internal sealed class FuncState
{
    public const int NoJump = -1;
    /// <summary>"No register" for TESTSET patching.</summary>
    public const int NoReg = MaxA;
    /// <summary>Registers per function (lua5.1's MAXSTACK).</summary>
    public const int MaxRegisters = 250;

    public readonly Proto Proto = new();
    public readonly FuncState? Parent;
    public readonly CodeGenerator Gen;
    public BlockScope? Block;

    private readonly List<uint> _code = [];
    private readonly List<int> _lines = [];
    private readonly List<LuaValue> _constants = [];
    private readonly Dictionary<LuaValue, int> _constantIndex = [];
    private int _nilConstant = -1;
    public readonly List<Proto> Protos = [];
    public readonly List<LocalVarSlot> LocVars = [];
    /// <summary>Active locals: indexes into <see cref="LocVars"/>, by register.</summary>
    public readonly List<int> ActiveLocals = [];
    public readonly List<(string Name, ExpKind Kind, int Index)> Upvalues = [];
    /// <summary>Locals declared but not yet in scope (lparser.c's new_localvar before adjustlocalvars).</summary>
    public readonly List<int> PendingLocals = [];

    /// <summary>Last target of a jump (lcode.c's lasttarget): LOADNIL merging must not cross it.</summary>
    private int _lastTarget = -1;
    /// <summary>Jumps to the next instruction, patched when it is emitted.</summary>
    private int _pendingJumps = NoJump;
    public int FreeReg;
    public int MaxStack = 2;
    public bool IsVararg;
    public bool NeedsArgTable;

    public FuncState(FuncState? parent, CodeGenerator gen)
    {
        Parent = parent;
        Gen = gen;
    }

    public int Pc => _code.Count;
    public int ActiveLocalCount => ActiveLocals.Count;

    // ---- emission ----

    private int Code(uint instruction)
    {
        DischargePendingJumps();
        _code.Add(instruction);
        _lines.Add(Gen.LastLine);
        return _code.Count - 1;
    }

    public int CodeABC(OpCode op, int a, int b, int c) => Code(CreateABC(op, a, b, c));
    public int CodeABx(OpCode op, int a, int bx) => Code(CreateABx(op, a, bx));
    public int CodeAsBx(OpCode op, int a, int sbx) => Code(CreateAsBx(op, a, sbx));
    /// <summary>Emits a raw word (SETLIST's extra C).</summary>
    public void CodeWord(int value) => Code((uint)value);

    public uint GetCode(in ExpDesc e) => _code[e.Info];
    public void SetCode(int pc, uint i) => _code[pc] = i;
    public uint CodeAt(int pc) => _code[pc];

    public void FixLine(int line) => _lines[^1] = line;

    // ---- registers ----

    public void CheckStack(int n)
    {
        int newStack = FreeReg + n;
        if (newStack > MaxStack)
        {
            if (newStack >= MaxRegisters) throw Gen.SyntaxError("function or expression too complex");
            MaxStack = newStack;
        }
    }

    public void ReserveRegs(int n)
    {
        CheckStack(n);
        FreeReg += n;
    }

    private void FreeRegister(int reg)
    {
        if (!IsConstant(reg) && reg >= ActiveLocalCount) FreeReg--;
    }

    private void FreeExp(in ExpDesc e)
    {
        if (e.Kind == ExpKind.NonRelocatable) FreeRegister(e.Info);
    }

    // ---- constants ----

    private int AddConstant(LuaValue v)
    {
        if (_constantIndex.TryGetValue(v, out int i)) return i;
        i = _constants.Count;
        if (i > MaxBx) throw Gen.SyntaxError("constant table overflow");
        _constants.Add(v);
        _constantIndex[v] = i;
        return i;
    }

    // string constants are shared with equal library names and other chunks' constants (LuaString.Shared)
    public int StringConstant(string s) => AddConstant(LuaString.Shared(s));
    public int StringConstant(LuaString s) => AddConstant(LuaString.Shared(s));
    public int NumberConstant(double d) => AddConstant(d);
    private int BoolConstant(bool b) => AddConstant(b);

    private int NilConstant()
    {
        if (_nilConstant < 0)
        {
            _nilConstant = _constants.Count;
            _constants.Add(LuaValue.Nil);
        }
        return _nilConstant;
    }

    // ---- nil, jumps, returns ----

    public void EmitNil(int from, int n)
    {
        if (Pc > _lastTarget)
        {
            if (Pc == 0)
            {
                if (from >= ActiveLocalCount) return; // registers start out nil
            }
            else
            {
                uint previous = _code[Pc - 1];
                if (Op(previous) == OpCode.LoadNil)
                {
                    int pfrom = A(previous), pto = B(previous);
                    if (pfrom <= from && from <= pto + 1)
                    {
                        if (from + n - 1 > pto) _code[Pc - 1] = SetB(previous, from + n - 1);
                        return;
                    }
                }
            }
        }
        CodeABC(OpCode.LoadNil, from, from + n - 1, 0);
    }

    public int Jump()
    {
        int pending = _pendingJumps;
        _pendingJumps = NoJump;
        int j = CodeAsBx(OpCode.Jmp, 0, NoJump);
        Concat(ref j, pending);
        return j;
    }

    public void Return(int first, int count) => CodeABC(OpCode.Return, first, count + 1, 0);

    private int CondJump(OpCode op, int a, int b, int c)
    {
        CodeABC(op, a, b, c);
        return Jump();
    }

    private void FixJump(int pc, int dest)
    {
        int offset = dest - (pc + 1);
        if (Math.Abs(offset) > MaxSBx) throw Gen.SyntaxError("control structure too long");
        _code[pc] = SetSBx(_code[pc], offset);
    }

    /// <summary>Marks the current pc as a jump target and returns it.</summary>
    public int GetLabel()
    {
        _lastTarget = Pc;
        return Pc;
    }

    private int GetJump(int pc)
    {
        int offset = SBx(_code[pc]);
        return offset == NoJump ? NoJump : pc + 1 + offset;
    }

    private int JumpControl(int pc)
    {
        if (pc >= 1 && IsTestMode(Op(_code[pc - 1]))) return pc - 1;
        return pc;
    }

    private static bool IsTestMode(OpCode op) => op is OpCode.Eq or OpCode.Lt or OpCode.Le or OpCode.Test or OpCode.TestSet;

    private bool NeedValue(int list)
    {
        for (; list != NoJump; list = GetJump(list))
            if (Op(_code[JumpControl(list)]) != OpCode.TestSet) return true;
        return false;
    }

    private bool PatchTestReg(int node, int reg)
    {
        int pc = JumpControl(node);
        uint i = _code[pc];
        if (Op(i) != OpCode.TestSet) return false;
        if (reg != NoReg && reg != B(i)) _code[pc] = SetA(i, reg);
        else _code[pc] = CreateABC(OpCode.Test, B(i), 0, C(i));
        return true;
    }

    private void RemoveValues(int list)
    {
        for (; list != NoJump; list = GetJump(list)) PatchTestReg(list, NoReg);
    }

    private void PatchListAux(int list, int valueTarget, int reg, int defaultTarget)
    {
        while (list != NoJump)
        {
            int next = GetJump(list);
            if (PatchTestReg(list, reg)) FixJump(list, valueTarget);
            else FixJump(list, defaultTarget);
            list = next;
        }
    }

    private void DischargePendingJumps()
    {
        int list = _pendingJumps;
        _pendingJumps = NoJump;
        PatchListAux(list, Pc, NoReg, Pc);
    }

    public void PatchList(int list, int target)
    {
        if (target == Pc) PatchToHere(list);
        else PatchListAux(list, target, NoReg, target);
    }

    public void PatchToHere(int list)
    {
        GetLabel();
        Concat(ref _pendingJumps, list);
    }

    public void Concat(ref int l1, int l2)
    {
        if (l2 == NoJump) return;
        if (l1 == NoJump)
        {
            l1 = l2;
            return;
        }
        int list = l1;
        int next;
        while ((next = GetJump(list)) != NoJump) list = next;
        FixJump(list, l2);
    }

    // ---- discharging expressions ----

    public void SetReturns(ref ExpDesc e, int nresults)
    {
        if (e.Kind == ExpKind.Call)
        {
            _code[e.Info] = SetC(_code[e.Info], nresults + 1);
        }
        else if (e.Kind == ExpKind.Vararg)
        {
            _code[e.Info] = SetA(SetB(_code[e.Info], nresults + 1), FreeReg);
            ReserveRegs(1);
        }
    }

    public void SetMultRet(ref ExpDesc e) => SetReturns(ref e, -1);

    public void SetOneRet(ref ExpDesc e)
    {
        if (e.Kind == ExpKind.Call)
        {
            e.Kind = ExpKind.NonRelocatable;
            e.Info = A(_code[e.Info]);
        }
        else if (e.Kind == ExpKind.Vararg)
        {
            _code[e.Info] = SetB(_code[e.Info], 2);
            e.Kind = ExpKind.Relocatable;
        }
    }

    public void DischargeVars(ref ExpDesc e)
    {
        switch (e.Kind)
        {
            case ExpKind.Local:
                e.Kind = ExpKind.NonRelocatable;
                break;
            case ExpKind.Upvalue:
                e.Info = CodeABC(OpCode.GetUpval, 0, e.Info, 0);
                e.Kind = ExpKind.Relocatable;
                break;
            case ExpKind.Global:
                e.Info = CodeABx(OpCode.GetGlobal, 0, e.Info);
                e.Kind = ExpKind.Relocatable;
                break;
            case ExpKind.Indexed:
                FreeRegister(e.Aux);
                FreeRegister(e.Info);
                e.Info = CodeABC(OpCode.GetTable, 0, e.Info, e.Aux);
                e.Kind = ExpKind.Relocatable;
                break;
            case ExpKind.Vararg:
            case ExpKind.Call:
                SetOneRet(ref e);
                break;
        }
    }

    private int CodeLabel(int a, int b, int jump)
    {
        GetLabel();
        return CodeABC(OpCode.LoadBool, a, b, jump);
    }

    private void DischargeToReg(ref ExpDesc e, int reg)
    {
        DischargeVars(ref e);
        switch (e.Kind)
        {
            case ExpKind.Nil:
                EmitNil(reg, 1);
                break;
            case ExpKind.False:
            case ExpKind.True:
                CodeABC(OpCode.LoadBool, reg, e.Kind == ExpKind.True ? 1 : 0, 0);
                break;
            case ExpKind.Constant:
                CodeABx(OpCode.LoadK, reg, e.Info);
                break;
            case ExpKind.Number:
                CodeABx(OpCode.LoadK, reg, NumberConstant(e.NumberValue));
                break;
            case ExpKind.Relocatable:
                _code[e.Info] = SetA(_code[e.Info], reg);
                break;
            case ExpKind.NonRelocatable:
                if (reg != e.Info) CodeABC(OpCode.Move, reg, e.Info, 0);
                break;
            default:
                return; // Void or Jump: nothing to do
        }
        e.Info = reg;
        e.Kind = ExpKind.NonRelocatable;
    }

    private void DischargeToAnyReg(ref ExpDesc e)
    {
        if (e.Kind != ExpKind.NonRelocatable)
        {
            ReserveRegs(1);
            DischargeToReg(ref e, FreeReg - 1);
        }
    }

    private void ExpToReg(ref ExpDesc e, int reg)
    {
        DischargeToReg(ref e, reg);
        if (e.Kind == ExpKind.Jump) Concat(ref e.TrueList, e.Info);
        if (e.HasJumps)
        {
            int loadFalse = NoJump, loadTrue = NoJump;
            if (NeedValue(e.TrueList) || NeedValue(e.FalseList))
            {
                int skip = e.Kind == ExpKind.Jump ? NoJump : Jump();
                loadFalse = CodeLabel(reg, 0, 1);
                loadTrue = CodeLabel(reg, 1, 0);
                PatchToHere(skip);
            }
            int final = GetLabel();
            PatchListAux(e.FalseList, final, reg, loadFalse);
            PatchListAux(e.TrueList, final, reg, loadTrue);
        }
        e.FalseList = e.TrueList = NoJump;
        e.Info = reg;
        e.Kind = ExpKind.NonRelocatable;
    }

    public void ExpToNextReg(ref ExpDesc e)
    {
        DischargeVars(ref e);
        FreeExp(e);
        ReserveRegs(1);
        ExpToReg(ref e, FreeReg - 1);
    }

    public int ExpToAnyReg(ref ExpDesc e)
    {
        DischargeVars(ref e);
        if (e.Kind == ExpKind.NonRelocatable)
        {
            if (!e.HasJumps) return e.Info;
            if (e.Info >= ActiveLocalCount)
            {
                ExpToReg(ref e, e.Info);
                return e.Info;
            }
        }
        ExpToNextReg(ref e);
        return e.Info;
    }

    public void ExpToValue(ref ExpDesc e)
    {
        if (e.HasJumps) ExpToAnyReg(ref e);
        else DischargeVars(ref e);
    }

    public int ExpToRK(ref ExpDesc e)
    {
        ExpToValue(ref e);
        switch (e.Kind)
        {
            case ExpKind.Number:
            case ExpKind.True:
            case ExpKind.False:
            case ExpKind.Nil:
                if (_constants.Count <= MaxRKConstant)
                {
                    e.Info = e.Kind == ExpKind.Nil ? NilConstant()
                        : e.Kind == ExpKind.Number ? NumberConstant(e.NumberValue)
                        : BoolConstant(e.Kind == ExpKind.True);
                    e.Kind = ExpKind.Constant;
                    return RKConstant(e.Info);
                }
                break;
            case ExpKind.Constant:
                if (e.Info <= MaxRKConstant) return RKConstant(e.Info);
                break;
        }
        return ExpToAnyReg(ref e);
    }

    public void StoreVar(in ExpDesc variable, ref ExpDesc ex)
    {
        switch (variable.Kind)
        {
            case ExpKind.Local:
                FreeExp(ex);
                ExpToReg(ref ex, variable.Info);
                return;
            case ExpKind.Upvalue:
                CodeABC(OpCode.SetUpval, ExpToAnyReg(ref ex), variable.Info, 0);
                break;
            case ExpKind.Global:
                CodeABx(OpCode.SetGlobal, ExpToAnyReg(ref ex), variable.Info);
                break;
            case ExpKind.Indexed:
                CodeABC(OpCode.SetTable, variable.Info, variable.Aux, ExpToRK(ref ex));
                break;
        }
        FreeExp(ex);
    }

    public void Self(ref ExpDesc e, ref ExpDesc key)
    {
        ExpToAnyReg(ref e);
        FreeExp(e);
        int func = FreeReg;
        ReserveRegs(2);
        CodeABC(OpCode.Self, func, e.Info, ExpToRK(ref key));
        FreeExp(key);
        e.Info = func;
        e.Kind = ExpKind.NonRelocatable;
    }

    public void Indexed(ref ExpDesc t, ref ExpDesc key)
    {
        t.Aux = ExpToRK(ref key);
        t.Kind = ExpKind.Indexed;
    }

    // ---- conditions ----

    private void InvertJump(in ExpDesc e)
    {
        int pc = JumpControl(e.Info);
        uint i = _code[pc];
        _code[pc] = SetA(i, A(i) == 0 ? 1 : 0);
    }

    private int JumpOnCond(ref ExpDesc e, int cond)
    {
        if (e.Kind == ExpKind.Relocatable)
        {
            uint ie = GetCode(e);
            if (Op(ie) == OpCode.Not)
            {
                _code.RemoveAt(_code.Count - 1); // drop the NOT: test its operand the other way
                _lines.RemoveAt(_lines.Count - 1);
                return CondJump(OpCode.Test, B(ie), 0, cond == 0 ? 1 : 0);
            }
        }
        DischargeToAnyReg(ref e);
        FreeExp(e);
        return CondJump(OpCode.TestSet, NoReg, e.Info, cond);
    }

    public void GoIfTrue(ref ExpDesc e)
    {
        int pc;
        DischargeVars(ref e);
        switch (e.Kind)
        {
            case ExpKind.Constant:
            case ExpKind.Number:
            case ExpKind.True:
                pc = NoJump; // always true: nothing to do
                break;
            // (lua 5.1.5 has no special case for a constant false here: it is tested like any value)
            case ExpKind.Jump:
                InvertJump(e);
                pc = e.Info;
                break;
            default:
                pc = JumpOnCond(ref e, 0);
                break;
        }
        Concat(ref e.FalseList, pc);
        PatchToHere(e.TrueList);
        e.TrueList = NoJump;
    }

    private void GoIfFalse(ref ExpDesc e)
    {
        int pc;
        DischargeVars(ref e);
        switch (e.Kind)
        {
            case ExpKind.Nil:
            case ExpKind.False:
                pc = NoJump; // always false: nothing to do
                break;
            case ExpKind.Jump:
                pc = e.Info;
                break;
            default:
                pc = JumpOnCond(ref e, 1);
                break;
        }
        Concat(ref e.TrueList, pc);
        PatchToHere(e.FalseList);
        e.FalseList = NoJump;
    }

    private void CodeNot(ref ExpDesc e)
    {
        DischargeVars(ref e);
        switch (e.Kind)
        {
            case ExpKind.Nil:
            case ExpKind.False:
                e.Kind = ExpKind.True;
                break;
            case ExpKind.Constant:
            case ExpKind.Number:
            case ExpKind.True:
                e.Kind = ExpKind.False;
                break;
            case ExpKind.Jump:
                InvertJump(e);
                break;
            case ExpKind.Relocatable:
            case ExpKind.NonRelocatable:
                DischargeToAnyReg(ref e);
                FreeExp(e);
                e.Info = CodeABC(OpCode.Not, 0, e.Info, 0);
                e.Kind = ExpKind.Relocatable;
                break;
        }
        (e.FalseList, e.TrueList) = (e.TrueList, e.FalseList);
        RemoveValues(e.FalseList);
        RemoveValues(e.TrueList);
    }

    // ---- operators ----

    private static bool ConstFolding(OpCode op, ref ExpDesc e1, in ExpDesc e2)
    {
        if (!e1.IsNumeral || !e2.IsNumeral) return false;
        double v1 = e1.NumberValue, v2 = e2.NumberValue, r;
        switch (op)
        {
            case OpCode.Add: r = v1 + v2; break;
            case OpCode.Sub: r = v1 - v2; break;
            case OpCode.Mul: r = v1 * v2; break;
            case OpCode.Div:
                if (v2 == 0) return false; // do not attempt to divide by 0
                r = v1 / v2;
                break;
            case OpCode.Mod:
                if (v2 == 0) return false;
                r = v1 - Math.Floor(v1 / v2) * v2;
                break;
            case OpCode.Pow: r = Math.Pow(v1, v2); break;
            case OpCode.Unm: r = -v1; break;
            default: return false;
        }
        if (double.IsNaN(r)) return false;
        e1.NumberValue = r;
        return true;
    }

    private void CodeArith(OpCode op, ref ExpDesc e1, ref ExpDesc e2)
    {
        if (ConstFolding(op, ref e1, e2)) return;
        int o2 = op != OpCode.Unm && op != OpCode.Len ? ExpToRK(ref e2) : 0;
        int o1 = ExpToRK(ref e1);
        if (o1 > o2)
        {
            FreeExp(e1);
            FreeExp(e2);
        }
        else
        {
            FreeExp(e2);
            FreeExp(e1);
        }
        e1.Info = CodeABC(op, 0, o1, o2);
        e1.Kind = ExpKind.Relocatable;
    }

    private void CodeCompare(OpCode op, int cond, ref ExpDesc e1, ref ExpDesc e2)
    {
        int o1 = ExpToRK(ref e1);
        int o2 = ExpToRK(ref e2);
        FreeExp(e2);
        FreeExp(e1);
        if (cond == 0 && op != OpCode.Eq)
        {
            (o1, o2) = (o2, o1); // a > b is b < a
            cond = 1;
        }
        e1.Info = CondJump(op, cond, o1, o2);
        e1.Kind = ExpKind.Jump;
    }

    public void Prefix(UnOpr op, ref ExpDesc e)
    {
        var e2 = ExpDesc.Number(0);
        switch (op)
        {
            case UnOpr.Minus:
                if (!e.IsNumeral) ExpToAnyReg(ref e); // cannot operate on non-numeric constants
                CodeArith(OpCode.Unm, ref e, ref e2);
                break;
            case UnOpr.Not:
                CodeNot(ref e);
                break;
            case UnOpr.Len:
                ExpToAnyReg(ref e);
                CodeArith(OpCode.Len, ref e, ref e2);
                break;
        }
    }

    public void Infix(BinOpr op, ref ExpDesc v)
    {
        switch (op)
        {
            case BinOpr.And:
                GoIfTrue(ref v);
                break;
            case BinOpr.Or:
                GoIfFalse(ref v);
                break;
            case BinOpr.Concat:
                ExpToNextReg(ref v); // operands must be consecutive registers
                break;
            case BinOpr.Add:
            case BinOpr.Sub:
            case BinOpr.Mul:
            case BinOpr.Div:
            case BinOpr.Mod:
            case BinOpr.Pow:
                if (!v.IsNumeral) ExpToRK(ref v);
                break;
            default:
                ExpToRK(ref v);
                break;
        }
    }

    public void Postfix(BinOpr op, ref ExpDesc e1, ref ExpDesc e2)
    {
        switch (op)
        {
            case BinOpr.And:
                DischargeVars(ref e2);
                Concat(ref e2.FalseList, e1.FalseList);
                e1 = e2;
                break;
            case BinOpr.Or:
                DischargeVars(ref e2);
                Concat(ref e2.TrueList, e1.TrueList);
                e1 = e2;
                break;
            case BinOpr.Concat:
                ExpToValue(ref e2);
                if (e2.Kind == ExpKind.Relocatable && Op(GetCode(e2)) == OpCode.Concat)
                {
                    FreeExp(e1);
                    _code[e2.Info] = SetB(_code[e2.Info], e1.Info);
                    e1.Kind = ExpKind.Relocatable;
                    e1.Info = e2.Info;
                }
                else
                {
                    ExpToNextReg(ref e2);
                    CodeArith(OpCode.Concat, ref e1, ref e2);
                }
                break;
            case BinOpr.Add: CodeArith(OpCode.Add, ref e1, ref e2); break;
            case BinOpr.Sub: CodeArith(OpCode.Sub, ref e1, ref e2); break;
            case BinOpr.Mul: CodeArith(OpCode.Mul, ref e1, ref e2); break;
            case BinOpr.Div: CodeArith(OpCode.Div, ref e1, ref e2); break;
            case BinOpr.Mod: CodeArith(OpCode.Mod, ref e1, ref e2); break;
            case BinOpr.Pow: CodeArith(OpCode.Pow, ref e1, ref e2); break;
            case BinOpr.Eq: CodeCompare(OpCode.Eq, 1, ref e1, ref e2); break;
            case BinOpr.Ne: CodeCompare(OpCode.Eq, 0, ref e1, ref e2); break;
            case BinOpr.Lt: CodeCompare(OpCode.Lt, 1, ref e1, ref e2); break;
            case BinOpr.Le: CodeCompare(OpCode.Le, 1, ref e1, ref e2); break;
            case BinOpr.Gt: CodeCompare(OpCode.Lt, 0, ref e1, ref e2); break;
            case BinOpr.Ge: CodeCompare(OpCode.Le, 0, ref e1, ref e2); break;
        }
    }

    public void SetList(int @base, int nelems, int tostore)
    {
        int c = (nelems - 1) / FieldsPerFlush + 1;
        int b = tostore == -1 ? 0 : tostore;
        if (c <= MaxC) CodeABC(OpCode.SetList, @base, b, c);
        else
        {
            CodeABC(OpCode.SetList, @base, b, 0);
            CodeWord(c);
        }
        FreeReg = @base + 1;
    }

    // ---- finishing ----

    public Proto Finish(string source)
    {
        Proto.Code = _code.ToArray();
        Proto.LineInfo = _lines.ToArray();
        Proto.Constants = _constants.ToArray();
        Proto.Protos = Protos.ToArray();
        Proto.LocVars = LocVars.ConvertAll(v => new LocalVarInfo(v.Name, v.StartPc, v.EndPc)).ToArray();
        Proto.NumUpvalues = Upvalues.Count;
        Proto.UpvalueNames = Upvalues.ConvertAll(u => u.Name).ToArray();
        Proto.MaxStackSize = MaxStack;
        Proto.IsVararg = IsVararg;
        Proto.NeedsArgTable = NeedsArgTable;
        Proto.Source = source;
        return Proto;
    }
}
