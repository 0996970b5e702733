using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using LuaVm.Bytecode;
using LuaVm.Runtime;
using LuaVm.Syntax;
using static LuaVm.Syntax.LuaParser;

namespace LuaVm.Compiler;

/// <summary>
/// Walks the parse tree in source order and emits code through <see cref="FuncState"/>, the way
/// PUC-Rio's lparser.c drives lcode.c while it parses: expressions stay pending in an
/// <see cref="ExpDesc"/> until their destination is known.
/// </summary>
internal sealed class CodeGenerator
{
    private readonly string _source;
    private readonly IList<IToken> _tokens;
    private FuncState _fs = null!;
    private int _level = CompilerLimits.BaseSyntaxLevel; // counted as lparser.c does: see SyntaxChecker
    private int _lastTokenIndex = -1;

    /// <summary>Line of the last token consumed: the line recorded for each emitted instruction.</summary>
    public int LastLine { get; private set; } = 1;

    public CodeGenerator(string source, IList<IToken> tokens)
    {
        _source = source;
        _tokens = tokens;
    }

    // ---- tokens, lines and errors ----

    private void Consume(IToken token)
    {
        LastLine = token.Line;
        // a string token spanning lines ends on a later line, which is the one lua5.1 records
        if (token.Type is LuaLexer.NORMALSTRING or LuaLexer.CHARSTRING or LuaLexer.LONGSTRING) LastLine += CountLineBreaks(token.Text);
        _lastTokenIndex = token.TokenIndex;
    }

    private void Consume(ITerminalNode node) => Consume(node.Symbol);

    private static int CountLineBreaks(string text)
    {
        int n = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c != '\n' && c != '\r') continue;
            n++;
            if (i + 1 < text.Length && (text[i + 1] == '\n' || text[i + 1] == '\r') && text[i + 1] != c) i++;
        }
        return n;
    }

    /// <summary>The token after the last consumed one: what lua5.1 reports errors "near".</summary>
    private IToken CurrentToken()
    {
        int i = Math.Min(_lastTokenIndex + 1, _tokens.Count - 1);
        return _tokens[Math.Max(i, 0)];
    }

    public LuaSyntaxException SyntaxError(string message) => ErrorNear(message, CurrentToken());

    public LuaSyntaxException ErrorNear(string message, IToken token) =>
        LuaSyntaxException.FromLatin1($"{ChunkLabel}:{token.Line}: {message} near '{SyntaxErrors.TokenText(token)}'");

    private void EnterLevel()
    {
        if (++_level > CompilerLimits.MaxSyntaxLevels) throw CompilerLimits.TooManySyntaxLevels(ChunkLabel, CurrentToken().Line);
    }

    private void LeaveLevel() => _level--;

    // ---- functions ----

    public Proto CompileMainChunk(ChunkContext chunk)
    {
        _fs = new FuncState(null, this) { IsVararg = true };
        Block(chunk.block(), scoped: false);
        // the final RETURN belongs to the line of the last token (Stop is EOF only when it was matched)
        if (chunk.Stop is { } stop)
        {
            if (stop.Type != TokenConstants.EOF) Consume(stop);
            else if (stop.TokenIndex > 0) Consume(_tokens[stop.TokenIndex - 1]);
        }
        return CloseFunction();
    }

    private Proto CloseFunction()
    {
        RemoveVars(0);
        _fs.Return(0, 0);
        return _fs.Finish(_source);
    }

    private void OpenFunction()
    {
        _fs = new FuncState(_fs, this);
        _fs.Block = null;
    }

    /// <summary>Compiles a function body into a new Proto and leaves a CLOSURE in <paramref name="e"/>.</summary>
    private void Body(FuncbodyContext body, ref ExpDesc e, bool needSelf, int line)
    {
        OpenFunction();
        var fs = _fs;
        fs.Proto.LineDefined = line;
        fs.Block = null; // a function body's own locals need no CLOSE: RETURN closes them
        if (needSelf)
        {
            DeclareLocal("self");
            ActivateLocals(1);
        }
        Parameters(body.parlist());
        Block(body.block(), scoped: false);
        fs.Proto.LastLineDefined = body.Stop.Line;
        Consume(body.Stop);
        var proto = CloseFunction();
        _fs = fs.Parent!;
        PushClosure(fs, proto, ref e);
    }

    private void Parameters(ParlistContext? parlist)
    {
        int count = 0;
        if (parlist is not null)
        {
            var names = parlist.namelist();
            if (names is not null)
                foreach (var name in names.NAME())
                {
                    DeclareLocal(name.GetText());
                    count++;
                }
            if (HasVarargToken(parlist))
            {
                _fs.IsVararg = true;
                // LUA_COMPAT_VARARG: a hidden local "arg" follows the named parameters.
                DeclareLocal("arg");
                count++;
                _fs.NeedsArgTable = true;
            }
        }
        ActivateLocals(count);
        _fs.Proto.NumParams = _fs.ActiveLocalCount - (_fs.NeedsArgTable ? 1 : 0);
        _fs.ReserveRegs(_fs.ActiveLocalCount);
    }

    private static bool HasVarargToken(ParlistContext parlist)
    {
        for (int i = 0; i < parlist.ChildCount; i++)
            if (parlist.GetChild(i) is ITerminalNode t && t.GetText() == "...") return true;
        return false;
    }

    private void PushClosure(FuncState child, Proto proto, ref ExpDesc e)
    {
        _fs.Protos.Add(proto);
        e = new ExpDesc(ExpKind.Relocatable, _fs.CodeABx(OpCode.Closure, 0, _fs.Protos.Count - 1));
        foreach (var (_, kind, index) in child.Upvalues)
            _fs.CodeABC(kind == ExpKind.Local ? OpCode.Move : OpCode.GetUpval, 0, index, 0);
    }

    // ---- locals, upvalues, globals ----

    private void DeclareLocal(string name)
    {
        if (_fs.ActiveLocalCount + _fs.PendingLocals.Count + 1 > CompilerLimits.MaxLocals)
            throw CompilerLimits.TooManyLocals(ChunkLabel, CurrentToken().Line, _fs.Proto.LineDefined);
        _fs.LocVars.Add(new LocalVarSlot(name));
        _fs.PendingLocals.Add(_fs.LocVars.Count - 1);
    }

    private void ActivateLocals(int n)
    {
        for (int i = 0; i < n; i++)
        {
            int slot = _fs.PendingLocals[i];
            _fs.LocVars[slot].StartPc = _fs.Pc;
            _fs.ActiveLocals.Add(slot);
        }
        _fs.PendingLocals.RemoveRange(0, n);
    }

    private void RemoveVars(int toLevel)
    {
        while (_fs.ActiveLocalCount > toLevel)
        {
            int slot = _fs.ActiveLocals[^1];
            _fs.ActiveLocals.RemoveAt(_fs.ActiveLocals.Count - 1);
            _fs.LocVars[slot].EndPc = _fs.Pc;
        }
    }

    /// <summary>The chunk as syntax errors name it.</summary>
    private string ChunkLabel => ChunkName.Format(_source, ChunkName.SyntaxErrorIdSize);

    private static int SearchVar(FuncState fs, string name)
    {
        for (int i = fs.ActiveLocalCount - 1; i >= 0; i--)
            if (fs.LocVars[fs.ActiveLocals[i]].Name == name) return i;
        return -1;
    }

    private static void MarkUpvalue(FuncState fs, int level)
    {
        var bl = fs.Block;
        while (bl is not null && bl.ActiveLocalsAtEntry > level) bl = bl.Previous;
        if (bl is not null) bl.HasCapturedLocal = true;
    }

    private int IndexUpvalue(FuncState fs, string name, in ExpDesc v)
    {
        for (int i = 0; i < fs.Upvalues.Count; i++)
        {
            var u = fs.Upvalues[i];
            if (u.Kind == v.Kind && u.Index == v.Info) return i;
        }
        if (fs.Upvalues.Count + 1 > CompilerLimits.MaxUpvalues) throw CompilerLimits.TooManyUpvalues(ChunkLabel, CurrentToken().Line, fs.Proto.LineDefined);
        fs.Upvalues.Add((name, v.Kind, v.Info));
        return fs.Upvalues.Count - 1;
    }

    private ExpKind SingleVarAux(FuncState? fs, string name, ref ExpDesc var, bool isBase)
    {
        if (fs is null)
        {
            var = new ExpDesc(ExpKind.Global, FuncState.NoReg);
            return ExpKind.Global;
        }
        int v = SearchVar(fs, name);
        if (v >= 0)
        {
            var = new ExpDesc(ExpKind.Local, v);
            if (!isBase) MarkUpvalue(fs, v);
            return ExpKind.Local;
        }
        if (SingleVarAux(fs.Parent, name, ref var, false) == ExpKind.Global) return ExpKind.Global;
        var.Info = IndexUpvalue(fs, name, var);
        var.Kind = ExpKind.Upvalue;
        return ExpKind.Upvalue;
    }

    private void SingleVar(ITerminalNode nameNode, ref ExpDesc var)
    {
        Consume(nameNode);
        string name = nameNode.GetText();
        if (SingleVarAux(_fs, name, ref var, true) == ExpKind.Global)
            var.Info = _fs.StringConstant(name);
    }

    // ---- blocks ----

    private void EnterBlock(BlockScope bl, bool isLoop)
    {
        bl.BreakList = FuncState.NoJump;
        bl.IsLoop = isLoop;
        bl.ActiveLocalsAtEntry = _fs.ActiveLocalCount;
        bl.HasCapturedLocal = false;
        bl.Previous = _fs.Block;
        _fs.Block = bl;
    }

    private void LeaveBlock()
    {
        var bl = _fs.Block!;
        _fs.Block = bl.Previous;
        RemoveVars(bl.ActiveLocalsAtEntry);
        if (bl.HasCapturedLocal) _fs.CodeABC(OpCode.Close, bl.ActiveLocalsAtEntry, 0, 0);
        _fs.FreeReg = _fs.ActiveLocalCount;
        _fs.PatchToHere(bl.BreakList);
    }

    /// <summary>A block; <paramref name="scoped"/> false means the caller manages the scope (function bodies, loops).</summary>
    private void Block(BlockContext block, bool scoped)
    {
        BlockScope? bl = null;
        if (scoped)
        {
            bl = new BlockScope();
            EnterBlock(bl, false);
        }
        Chunk(block);
        if (scoped) LeaveBlock();
    }

    private void Chunk(BlockContext block)
    {
        EnterLevel();
        foreach (var child in block.children ?? [])
        {
            switch (child)
            {
                case StatContext stat:
                    Statement(stat);
                    break;
                case LaststatContext last:
                    LastStatement(last);
                    break;
                case ITerminalNode semicolon:
                    Consume(semicolon);
                    continue;
            }
            _fs.FreeReg = _fs.ActiveLocalCount;
        }
        LeaveLevel();
    }

    // ---- statements ----

    private void Statement(StatContext stat)
    {
        int line = stat.Start.Line;
        switch (stat)
        {
            case ExprStatContext s: ExpressionStatement(s); break;
            case AssignStatContext s: AssignmentStatement(s); break;
            case DoStatContext s:
                Consume(s.Start);
                Block(s.block(), scoped: true);
                Consume(s.Stop);
                break;
            case WhileStatContext s: WhileStatement(s); break;
            case RepeatStatContext s: RepeatStatement(s); break;
            case IfStatContext s: IfStatement(s); break;
            case NumericForStatContext s: ForStatement(s, line); break;
            case GenericForStatContext s: ForStatement(s, line); break;
            case FunctionStatContext s: FunctionStatement(s, line); break;
            case LocalFunctionStatContext s: LocalFunctionStatement(s); break;
            case LocalStatContext s: LocalStatement(s); break;
        }
    }

    private void LastStatement(LaststatContext last)
    {
        switch (last)
        {
            case ReturnStatContext r: ReturnStatement(r); break;
            case BreakStatContext b: BreakStatement(b); break;
        }
    }

    private void ExpressionStatement(ExprStatContext s)
    {
        var v = new ExpDesc();
        SuffixedExp(s.suffixedexp(), ref v);
        if (v.Kind == ExpKind.Call)
        {
            _fs.SetCode(v.Info, Instruction.SetC(_fs.GetCode(v), 1)); // statement: no results
            return;
        }
        // Not a call: lua5.1 parses it as the start of an assignment and wants '=' (or reports a
        // parenthesised expression as a syntax error).
        if (v.Kind is ExpKind.Local or ExpKind.Upvalue or ExpKind.Global or ExpKind.Indexed)
            throw SyntaxError("'=' expected");
        throw SyntaxError("syntax error");
    }

    private sealed class AssignTarget
    {
        public ExpDesc Var;
        public AssignTarget? Previous;
    }

    private void AssignmentStatement(AssignStatContext s)
    {
        var targets = s.varlist().suffixedexp();
        AssignTarget? chain = null;
        for (int i = 0; i < targets.Length; i++)
        {
            var node = new AssignTarget { Previous = chain };
            SuffixedExp(targets[i], ref node.Var);
            // lua5.1 ends a statement after a call, so "f() = 1" fails on the '=' as a new statement
            if (i == 0 && node.Var.Kind == ExpKind.Call) throw SyntaxError("unexpected symbol");
            if (!(node.Var.Kind is ExpKind.Local or ExpKind.Upvalue or ExpKind.Global or ExpKind.Indexed))
                throw SyntaxError("syntax error");
            if (chain is not null && node.Var.Kind == ExpKind.Local) CheckConflict(chain, node.Var);
            chain = node;
            if (i + 1 < targets.Length) Consume(_tokens[targets[i].Stop.TokenIndex + 1]); // ','
        }
        int nvars = targets.Length;
        Consume(_tokens[targets[^1].Stop.TokenIndex + 1]); // '='
        var e = new ExpDesc();
        int nexps = ExpList(s.explist(), ref e);
        if (nexps != nvars)
        {
            AdjustAssign(nvars, nexps, ref e);
            if (nexps > nvars) _fs.FreeReg -= nexps - nvars; // remove extra values
        }
        else
        {
            _fs.SetOneRet(ref e);
            _fs.StoreVar(chain!.Var, ref e);
            chain = chain.Previous;
        }
        // The remaining targets take their values from the registers, right to left.
        for (; chain is not null; chain = chain.Previous)
        {
            var value = new ExpDesc(ExpKind.NonRelocatable, _fs.FreeReg - 1);
            _fs.StoreVar(chain.Var, ref value);
        }
    }

    /// <summary>
    /// In "a[i], i = ..." the table or key register of an earlier target may be a local that a
    /// later target assigns: copy it first (lparser.c's check_conflict).
    /// </summary>
    private void CheckConflict(AssignTarget? chain, in ExpDesc v)
    {
        int extra = _fs.FreeReg;
        bool conflict = false;
        for (; chain is not null; chain = chain.Previous)
        {
            if (chain.Var.Kind != ExpKind.Indexed) continue;
            if (chain.Var.Info == v.Info)
            {
                conflict = true;
                chain.Var.Info = extra;
            }
            if (chain.Var.Aux == v.Info)
            {
                conflict = true;
                chain.Var.Aux = extra;
            }
        }
        if (conflict)
        {
            _fs.CodeABC(OpCode.Move, _fs.FreeReg, v.Info, 0);
            _fs.ReserveRegs(1);
        }
    }

    private void AdjustAssign(int nvars, int nexps, ref ExpDesc e)
    {
        int extra = nvars - nexps;
        if (e.HasMultipleResults)
        {
            extra++;
            if (extra < 0) extra = 0;
            _fs.SetReturns(ref e, extra);
            if (extra > 1) _fs.ReserveRegs(extra - 1);
        }
        else
        {
            if (e.Kind != ExpKind.Void) _fs.ExpToNextReg(ref e);
            if (extra > 0)
            {
                int reg = _fs.FreeReg;
                _fs.ReserveRegs(extra);
                _fs.EmitNil(reg, extra);
            }
        }
    }

    private int ExpList(ExplistContext list, ref ExpDesc e)
    {
        var exps = list.exp();
        Expression(exps[0], ref e);
        for (int i = 1; i < exps.Length; i++)
        {
            _fs.ExpToNextReg(ref e);
            Expression(exps[i], ref e);
        }
        return exps.Length;
    }

    private int Condition(ExpContext exp)
    {
        var v = new ExpDesc();
        Expression(exp, ref v);
        if (v.Kind == ExpKind.Nil) v.Kind = ExpKind.False; // all falses are equal here
        _fs.GoIfTrue(ref v);
        return v.FalseList;
    }

    private void WhileStatement(WhileStatContext s)
    {
        Consume(s.Start);
        int whileInit = _fs.GetLabel();
        int condExit = Condition(s.exp());
        var bl = new BlockScope();
        EnterBlock(bl, isLoop: true);
        Block(s.block(), scoped: true);
        Consume(_tokens[s.Stop.TokenIndex - 1]);
        _fs.PatchList(_fs.Jump(), whileInit);
        Consume(s.Stop);
        LeaveBlock();
        _fs.PatchToHere(condExit);
    }

    private void RepeatStatement(RepeatStatContext s)
    {
        int repeatInit = _fs.GetLabel();
        var loop = new BlockScope();
        var scope = new BlockScope();
        EnterBlock(loop, isLoop: true);
        EnterBlock(scope, isLoop: false);
        Consume(s.Start);
        Chunk(s.block());
        Consume(_tokens[s.exp().Start.TokenIndex - 1]); // 'until'
        int condExit = Condition(s.exp());
        if (!scope.HasCapturedLocal)
        {
            LeaveBlock();
            _fs.PatchList(condExit, repeatInit);
        }
        else
        {
            EmitBreak();
            _fs.PatchToHere(condExit);
            LeaveBlock();
            _fs.PatchList(_fs.Jump(), repeatInit);
        }
        LeaveBlock();
    }

    private void IfStatement(IfStatContext s)
    {
        Consume(s.Start);
        int falseExit = TestThenBlock(s.exp(), s.block());
        int escapeList = FuncState.NoJump;
        foreach (var elseif in s.elseifpart())
        {
            _fs.Concat(ref escapeList, _fs.Jump());
            _fs.PatchToHere(falseExit);
            Consume(elseif.Start);
            falseExit = TestThenBlock(elseif.exp(), elseif.block());
        }
        var elsePart = s.elsepart();
        if (elsePart is not null)
        {
            _fs.Concat(ref escapeList, _fs.Jump());
            _fs.PatchToHere(falseExit);
            Consume(elsePart.Start);
            Block(elsePart.block(), scoped: true);
        }
        else
        {
            _fs.Concat(ref escapeList, falseExit);
        }
        _fs.PatchToHere(escapeList);
        Consume(s.Stop);
    }

    private int TestThenBlock(ExpContext condition, BlockContext block)
    {
        int condExit = Condition(condition);
        Block(block, scoped: true);
        return condExit;
    }

    private void ForStatement(StatContext s, int line)
    {
        var bl = new BlockScope();
        EnterBlock(bl, isLoop: true);
        Consume(s.Start);
        if (s is NumericForStatContext n) NumericFor(n, line);
        else GenericFor((GenericForStatContext)s);
        Consume(s.Stop);
        LeaveBlock();
    }

    private void NumericFor(NumericForStatContext s, int line)
    {
        int @base = _fs.FreeReg;
        DeclareLocal("(for index)");
        DeclareLocal("(for limit)");
        DeclareLocal("(for step)");
        DeclareLocal(s.NAME().GetText());
        Consume(s.NAME());
        var exps = s.exp();
        ForExp(exps[0]);
        ForExp(exps[1]);
        if (exps.Length > 2) ForExp(exps[2]);
        else
        {
            _fs.CodeABx(OpCode.LoadK, _fs.FreeReg, _fs.NumberConstant(1));
            _fs.ReserveRegs(1);
        }
        ForBody(@base, line, 1, isNumeric: true, s.block());
    }

    private void ForExp(ExpContext exp)
    {
        var e = new ExpDesc();
        Expression(exp, ref e);
        _fs.ExpToNextReg(ref e);
    }

    private void GenericFor(GenericForStatContext s)
    {
        int @base = _fs.FreeReg;
        DeclareLocal("(for generator)");
        DeclareLocal("(for state)");
        DeclareLocal("(for control)");
        var names = s.namelist().NAME();
        foreach (var name in names)
        {
            DeclareLocal(name.GetText());
            Consume(name);
        }
        int line = s.explist().Start.Line;
        var e = new ExpDesc();
        AdjustAssign(3, ExpList(s.explist(), ref e), ref e);
        _fs.CheckStack(3); // extra space to call the generator
        ForBody(@base, line, names.Length, isNumeric: false, s.block());
    }

    private void ForBody(int @base, int line, int nvars, bool isNumeric, BlockContext block)
    {
        ActivateLocals(3); // control variables
        int prep = isNumeric ? _fs.CodeAsBx(OpCode.ForPrep, @base, FuncState.NoJump) : _fs.Jump();
        var bl = new BlockScope();
        EnterBlock(bl, isLoop: false);
        ActivateLocals(nvars);
        _fs.ReserveRegs(nvars);
        Block(block, scoped: true);
        LeaveBlock();
        _fs.PatchToHere(prep);
        int endFor = isNumeric
            ? _fs.CodeAsBx(OpCode.ForLoop, @base, FuncState.NoJump)
            : _fs.CodeABC(OpCode.TForLoop, @base, 0, nvars);
        _fs.FixLine(line); // the loop instruction belongs to the 'for' line
        _fs.PatchList(isNumeric ? endFor : _fs.Jump(), prep + 1);
    }

    private void FunctionStatement(FunctionStatContext s, int line)
    {
        Consume(s.Start);
        var v = new ExpDesc();
        bool needSelf = FunctionName(s.funcname(), ref v);
        var b = new ExpDesc();
        Body(s.funcbody(), ref b, needSelf, line);
        _fs.StoreVar(v, ref b);
        _fs.FixLine(line); // the definition "happens" in the first line
    }

    private bool FunctionName(FuncnameContext name, ref ExpDesc v)
    {
        var names = name.NAME();
        SingleVar(names[0], ref v);
        bool isMethod = false;
        for (int i = 1; i < names.Length; i++)
        {
            isMethod = i == names.Length - 1 && name.GetChild(name.ChildCount - 2).GetText() == ":";
            Field(ref v, names[i]);
        }
        return isMethod;
    }

    private void LocalFunctionStatement(LocalFunctionStatContext s)
    {
        Consume(s.NAME());
        DeclareLocal(s.NAME().GetText());
        var v = new ExpDesc(ExpKind.Local, _fs.FreeReg);
        _fs.ReserveRegs(1);
        ActivateLocals(1);
        var b = new ExpDesc();
        Body(s.funcbody(), ref b, false, s.NAME().Symbol.Line);
        _fs.StoreVar(v, ref b);
        // debug information only sees the variable after this point
        _fs.LocVars[_fs.ActiveLocals[^1]].StartPc = _fs.Pc;
    }

    private void LocalStatement(LocalStatContext s)
    {
        var names = s.namelist().NAME();
        foreach (var name in names)
        {
            Consume(name);
            DeclareLocal(name.GetText());
        }
        var e = new ExpDesc();
        int nexps = 0;
        if (s.explist() is { } list) nexps = ExpList(list, ref e);
        else e.Kind = ExpKind.Void;
        AdjustAssign(names.Length, nexps, ref e);
        ActivateLocals(names.Length);
    }

    private void ReturnStatement(ReturnStatContext s)
    {
        Consume(s.Start);
        int first, nret;
        var list = s.explist();
        if (list is null)
        {
            first = nret = 0;
        }
        else
        {
            var e = new ExpDesc();
            nret = ExpList(list, ref e);
            if (e.HasMultipleResults)
            {
                _fs.SetMultRet(ref e);
                if (e.Kind == ExpKind.Call && nret == 1)
                {
                    uint call = _fs.GetCode(e);
                    _fs.SetCode(e.Info, (call & ~0x3Fu) | (uint)OpCode.TailCall);
                }
                first = _fs.ActiveLocalCount;
                nret = -1;
            }
            else if (nret == 1)
            {
                first = _fs.ExpToAnyReg(ref e);
            }
            else
            {
                _fs.ExpToNextReg(ref e);
                first = _fs.ActiveLocalCount;
            }
        }
        _fs.Return(first, nret);
    }

    private void BreakStatement(BreakStatContext s)
    {
        Consume(s.Start);
        EmitBreak();
    }

    private void EmitBreak()
    {
        var bl = _fs.Block;
        bool upval = false;
        while (bl is not null && !bl.IsLoop)
        {
            upval |= bl.HasCapturedLocal;
            bl = bl.Previous;
        }
        if (bl is null) throw SyntaxError("no loop to break");
        if (upval) _fs.CodeABC(OpCode.Close, bl.ActiveLocalsAtEntry, 0, 0);
        _fs.Concat(ref bl.BreakList, _fs.Jump());
    }

    // ---- expressions ----

    private void Expression(ExpContext exp, ref ExpDesc v, bool nests = true)
    {
        if (nests) EnterLevel();
        switch (exp)
        {
            case NilExpContext n: Consume(n.Start); v = new ExpDesc(ExpKind.Nil, 0); break;
            case TrueExpContext t: Consume(t.Start); v = new ExpDesc(ExpKind.True, 0); break;
            case FalseExpContext f: Consume(f.Start); v = new ExpDesc(ExpKind.False, 0); break;
            case NumberExpContext num: NumberLiteral(num.NUMBER(), ref v); break;
            case StringExpContext str: v = new ExpDesc(ExpKind.Constant, _fs.StringConstant(StringValue(str.str()))); break;
            case VarargExpContext va:
                if (!_fs.IsVararg)
                {
                    _lastTokenIndex = va.Start.TokenIndex - 1;
                    throw SyntaxError("cannot use '...' outside a vararg function");
                }
                Consume(va.Start);
                _fs.NeedsArgTable = false;
                v = new ExpDesc(ExpKind.Vararg, _fs.CodeABC(OpCode.VarArg, 0, 1, 0));
                break;
            case FunctionExpContext fn:
                Consume(fn.Start);
                Body(fn.funcbody(), ref v, false, fn.Start.Line);
                break;
            case PrefixExpContext p: SuffixedExp(p.suffixedexp(), ref v); break;
            case TableExpContext t: TableConstructor(t.tableconstructor(), ref v); break;
            case UnaryExpContext u:
                Consume(u.op);
                Expression(u.exp(), ref v);
                _fs.Prefix(u.op.Text switch { "not" => UnOpr.Not, "#" => UnOpr.Len, _ => UnOpr.Minus }, ref v);
                break;
            case PowExpContext b: Binary(b.exp(0), b.op, b.exp(1), ref v); break;
            case MulExpContext b: Binary(b.exp(0), b.op, b.exp(1), ref v); break;
            case AddExpContext b: Binary(b.exp(0), b.op, b.exp(1), ref v); break;
            case ConcatExpContext b: Binary(b.exp(0), b.op, b.exp(1), ref v); break;
            case CompareExpContext b: Binary(b.exp(0), b.op, b.exp(1), ref v); break;
            case AndExpContext b: Binary(b.exp(0), b.op, b.exp(1), ref v); break;
            case OrExpContext b: Binary(b.exp(0), b.op, b.exp(1), ref v); break;
        }
        if (nests) LeaveLevel();
    }

    private void Binary(ExpContext left, IToken op, ExpContext right, ref ExpDesc v)
    {
        Expression(left, ref v, nests: false);
        var opr = op.Text switch
        {
            "+" => BinOpr.Add, "-" => BinOpr.Sub, "*" => BinOpr.Mul, "/" => BinOpr.Div, "%" => BinOpr.Mod,
            "^" => BinOpr.Pow, ".." => BinOpr.Concat, "~=" => BinOpr.Ne, "==" => BinOpr.Eq,
            "<" => BinOpr.Lt, "<=" => BinOpr.Le, ">" => BinOpr.Gt, ">=" => BinOpr.Ge,
            "and" => BinOpr.And, _ => BinOpr.Or,
        };
        Consume(op);
        _fs.Infix(opr, ref v);
        var v2 = new ExpDesc();
        Expression(right, ref v2);
        _fs.Postfix(opr, ref v, ref v2);
    }

    private void NumberLiteral(ITerminalNode node, ref ExpDesc v)
    {
        string text = node.GetText();
        if (!NumberFormat.TryParse(LuaString.FromLatin1(text).Span, out double d))
            throw ErrorNear("malformed number", node.Symbol);
        Consume(node);
        v = ExpDesc.Number(d);
    }

    private LuaString StringValue(StrContext s)
    {
        var token = s.Start;
        Consume(token);
        if (token.Type == LuaLexer.LONGSTRING) return StringLiteral.DecodeLong(token.Text);
        return StringLiteral.DecodeQuoted(token.Text, (message, near) =>
            LuaSyntaxException.FromLatin1($"{ChunkLabel}:{token.Line}: {message} near '{near}'"));
    }

    private void SuffixedExp(SuffixedexpContext s, ref ExpDesc v)
    {
        PrimaryExp(s.primaryexp(), ref v);
        foreach (var suffix in s.suffix())
        {
            switch (suffix)
            {
                case FieldSuffixContext f:
                    Field(ref v, f.NAME());
                    break;
                case IndexSuffixContext ix:
                {
                    _fs.ExpToAnyReg(ref v);
                    Consume(ix.Start);
                    var key = new ExpDesc();
                    Expression(ix.exp(), ref key);
                    _fs.ExpToValue(ref key);
                    Consume(ix.Stop);
                    _fs.Indexed(ref v, ref key);
                    break;
                }
                case MethodSuffixContext m:
                {
                    Consume(m.Start);
                    Consume(m.NAME());
                    var key = new ExpDesc(ExpKind.Constant, _fs.StringConstant(m.NAME().GetText()));
                    _fs.Self(ref v, ref key);
                    FunctionArgs(m.args(), ref v);
                    break;
                }
                case CallSuffixContext c:
                    _fs.ExpToNextReg(ref v);
                    FunctionArgs(c.args(), ref v);
                    break;
            }
        }
    }

    private void PrimaryExp(PrimaryexpContext p, ref ExpDesc v)
    {
        switch (p)
        {
            case NamePrimaryContext n:
                SingleVar(n.NAME(), ref v);
                break;
            case ParenPrimaryContext par:
                Consume(par.Start);
                Expression(par.exp(), ref v);
                Consume(par.Stop);
                _fs.DischargeVars(ref v);
                break;
        }
    }

    private void Field(ref ExpDesc v, ITerminalNode name)
    {
        _fs.ExpToAnyReg(ref v);
        Consume(name);
        var key = new ExpDesc(ExpKind.Constant, _fs.StringConstant(name.GetText()));
        _fs.Indexed(ref v, ref key);
    }

    private void FunctionArgs(ArgsContext args, ref ExpDesc f)
    {
        int line = args.Start.Line;
        var a = new ExpDesc();
        switch (args)
        {
            case ParenArgsContext p:
                if (_lastTokenIndex >= 0 && line != _tokens[_lastTokenIndex].Line)
                {
                    _lastTokenIndex = p.Start.TokenIndex - 1;
                    throw SyntaxError("ambiguous syntax (function call x new statement)");
                }
                Consume(p.Start);
                if (p.explist() is { } list)
                {
                    ExpList(list, ref a);
                    _fs.SetMultRet(ref a);
                }
                else a.Kind = ExpKind.Void;
                Consume(p.Stop);
                break;
            case TableArgsContext t:
                TableConstructor(t.tableconstructor(), ref a);
                break;
            case StringArgsContext str:
                a = new ExpDesc(ExpKind.Constant, _fs.StringConstant(StringValue(str.str())));
                break;
        }
        int @base = f.Info;
        int nparams;
        if (a.HasMultipleResults) nparams = -1;
        else
        {
            if (a.Kind != ExpKind.Void) _fs.ExpToNextReg(ref a);
            nparams = _fs.FreeReg - (@base + 1);
        }
        f = new ExpDesc(ExpKind.Call, _fs.CodeABC(OpCode.Call, @base, nparams + 1, 2));
        _fs.FixLine(line);
        _fs.FreeReg = @base + 1; // the call leaves one result (unless changed later)
    }

    private void TableConstructor(TableconstructorContext t, ref ExpDesc v)
    {
        int line = t.Start.Line;
        // lparser.c emits NEWTABLE before it consumes '{': the instruction takes the previous token's line
        int pc = _fs.CodeABC(OpCode.NewTable, 0, 0, 0);
        Consume(t.Start);
        int arrayCount = 0, hashCount = 0, toStore = 0;
        v = new ExpDesc(ExpKind.Relocatable, pc);
        _fs.ExpToNextReg(ref v); // fix it at the top of the stack
        int tableReg = v.Info;
        var pending = new ExpDesc(ExpKind.Void, 0);
        var fields = t.fieldlist()?.field() ?? [];
        foreach (var field in fields)
        {
            // close the previous list item
            if (pending.Kind != ExpKind.Void)
            {
                _fs.ExpToNextReg(ref pending);
                pending.Kind = ExpKind.Void;
                if (toStore == Instruction.FieldsPerFlush)
                {
                    _fs.SetList(tableReg, arrayCount, toStore);
                    toStore = 0;
                }
            }
            switch (field)
            {
                case NameFieldContext nf:
                {
                    Consume(nf.NAME());
                    int reg = _fs.FreeReg;
                    var key = new ExpDesc(ExpKind.Constant, _fs.StringConstant(nf.NAME().GetText()));
                    RecordField(tableReg, reg, ref key, nf.exp());
                    hashCount++;
                    break;
                }
                case KeyFieldContext kf:
                {
                    Consume(kf.Start);
                    int reg = _fs.FreeReg; // before the key: a key such as {} takes a register too
                    var key = new ExpDesc();
                    Expression(kf.exp(0), ref key);
                    _fs.ExpToValue(ref key);
                    RecordField(tableReg, reg, ref key, kf.exp(1));
                    hashCount++;
                    break;
                }
                case PositionalFieldContext pf:
                    Expression(pf.exp(), ref pending);
                    arrayCount++;
                    toStore++;
                    break;
            }
        }
        Consume(t.Stop);
        if (toStore > 0)
        {
            if (pending.HasMultipleResults)
            {
                _fs.SetMultRet(ref pending);
                _fs.SetList(tableReg, arrayCount, -1);
                arrayCount--; // the last item's count is unknown
            }
            else
            {
                if (pending.Kind != ExpKind.Void) _fs.ExpToNextReg(ref pending);
                _fs.SetList(tableReg, arrayCount, toStore);
            }
        }
        uint newTable = _fs.CodeAt(pc);
        newTable = Instruction.SetB(newTable, Instruction.IntToFloatByte(arrayCount));
        newTable = Instruction.SetC(newTable, Instruction.IntToFloatByte(hashCount));
        _fs.SetCode(pc, newTable);
        _ = line;
    }

    /// <summary>A [key] = value or name = value field; <paramref name="reg"/> is the first free register before the key (lparser.c's recfield).</summary>
    private void RecordField(int tableReg, int reg, ref ExpDesc key, ExpContext valueExp)
    {
        int rkKey = _fs.ExpToRK(ref key);
        var val = new ExpDesc();
        Expression(valueExp, ref val);
        _fs.CodeABC(OpCode.SetTable, tableReg, rkKey, _fs.ExpToRK(ref val));
        _fs.FreeReg = reg;
    }
}
