using LuaVm.Runtime;

namespace LuaModules.Lpeg;

/// <summary>
/// Compiles a pattern tree into a parsing-machine program. Ordered choices and repetitions use
/// backtrack entries only when first-byte sets cannot decide (a failed test of the first byte,
/// or sets that cannot both start a match, let the machine skip the entry); a peephole pass
/// shortens jump chains and turns calls followed by a return into jumps (tail calls).
/// </summary>
internal sealed class Compiler
{
    private readonly List<Instruction> _code = new();
    private Dictionary<Rule, int>? _ruleAddresses;
    private List<int>? _callFixups;

    public static Program Compile(Node tree)
    {
        var c = new Compiler();
        c.Gen(tree, Charset.Full);
        c.Emit(new Instruction { Op = Op.End });
        c.Peephole();
        return new Program(c._code.ToArray());
    }

    private int Here => _code.Count;

    private int Emit(Instruction i)
    {
        if (_code.Count >= Pattern.MaxSize) throw new LpegException("pattern too large");
        _code.Add(i);
        return _code.Count - 1;
    }

    private int Emit(Op op, int target = -1) => Emit(new Instruction { Op = op, Target = target });

    private void Patch(int at, int target)
    {
        if (at < 0) return;
        var i = _code[at];
        i.Target = target;
        _code[at] = i;
    }

    private void Gen(Node n, Charset follow)
    {
        StackGuard.Check();
        switch (n.Tag)
        {
            case Tag.Char: Emit(new Instruction { Op = Op.Char, Ch = n.Ch }); break;
            case Tag.Str: Emit(new Instruction { Op = Op.Str, Bytes = n.Bytes }); break;
            case Tag.Set: EmitSet(n.Set!); break;
            case Tag.Any: Emit(new Instruction { Op = Op.Any, N = n.N }); break;
            case Tag.True: break;
            case Tag.False: Emit(Op.Fail); break;
            case Tag.Seq: GenSeq(n, follow); break;
            case Tag.Choice: GenChoice(n, follow); break;
            case Tag.Rep: GenRep(n, follow); break;
            case Tag.RepMax: GenRepMax(n); break;
            case Tag.Not: GenNot(n.A!); break;
            case Tag.And:
            {
                int choice = Emit(Op.Choice);
                Gen(n.A!, Charset.Full);
                int back = Emit(Op.BackCommit);
                Patch(choice, Here);
                Emit(Op.Fail);
                Patch(back, Here);
                break;
            }
            case Tag.Behind:
                if (n.N > 0) Emit(new Instruction { Op = Op.Behind, N = n.N });
                Gen(n.A!, Charset.Full);
                break;
            case Tag.Capture: GenCapture(n, follow); break;
            case Tag.RunTime:
                Emit(new Instruction { Op = Op.OpenCapture, Kind = CapKind.Group });
                Gen(n.A!, Charset.Full);
                Emit(new Instruction { Op = Op.CloseRunTime, Kind = CapKind.Close, Value = n.Value });
                break;
            case Tag.OpenCall:
                throw new LpegException($"rule '{Grammar.KeyName(n.Value)}' used outside a grammar");
            case Tag.Call:
                _callFixups!.Add(Emit(new Instruction { Op = Op.Call, Value = n.Value, N = n.Rule!.Index }));
                // the rule is found by identity when the grammar is done
                _pendingRules.Add(n.Rule!);
                break;
            case Tag.Grammar: GenGrammar(n); break;
            default: throw new InvalidOperationException("unknown tree node");
        }
    }

    private List<Rule> _pendingRules = new();

    private void GenGrammar(Node n)
    {
        var savedAddresses = _ruleAddresses;
        var savedFixups = _callFixups;
        var savedPending = _pendingRules;
        _ruleAddresses = new Dictionary<Rule, int>();
        _callFixups = new List<int>();
        _pendingRules = new List<Rule>();
        var rules = n.Rules!;
        int call = Emit(Op.Call);
        int jmp = Emit(Op.Jmp);
        foreach (var r in rules)
        {
            _ruleAddresses[r] = Here;
            Gen(r.Body, Charset.Full);
            Emit(Op.Ret);
        }
        Patch(call, _ruleAddresses[rules[0]]);
        Patch(jmp, Here);
        for (int i = 0; i < _callFixups.Count; i++) Patch(_callFixups[i], _ruleAddresses[_pendingRules[i]]);
        _ruleAddresses = savedAddresses;
        _callFixups = savedFixups;
        _pendingRules = savedPending;
    }

    private void EmitSet(Charset s)
    {
        int count = s.Count(out int single);
        if (count == 0) Emit(Op.Fail);
        else if (count == 1) Emit(new Instruction { Op = Op.Char, Ch = (byte)single });
        else if (count == 256) Emit(new Instruction { Op = Op.Any, N = 1 });
        else Emit(new Instruction { Op = Op.Set, Set = s });
    }

    /// <summary>A test that jumps (to be patched) unless the next byte is in the set.</summary>
    private int EmitTest(Charset s)
    {
        int count = s.Count(out int single);
        if (count == 1) return Emit(new Instruction { Op = Op.TestChar, Ch = (byte)single });
        if (count == 256) return Emit(new Instruction { Op = Op.TestAny, N = 1 });
        return Emit(new Instruction { Op = Op.TestSet, Set = s });
    }

    /// <summary>
    /// The operands of a chain of one operator, left to right, found without recursion: a
    /// sequence or choice built in a loop (p = p * x) is a deep tree leaning either way, and
    /// both operators are associative, so it compiles as a flat list.
    /// </summary>
    private static List<Node> Flatten(Node n, Tag tag)
    {
        var items = new List<Node>();
        var stack = new Stack<Node>();
        stack.Push(n);
        while (stack.Count > 0)
        {
            var x = stack.Pop();
            if (x.Tag == tag)
            {
                stack.Push(x.B!);
                stack.Push(x.A!);
            }
            else items.Add(x);
        }
        return items;
    }

    private void GenSeq(Node n, Charset follow)
    {
        var items = Flatten(n, Tag.Seq);
        // what may follow each item: the first bytes of the rest of the sequence
        var follows = new Charset[items.Count];
        var f = follow;
        for (int i = items.Count - 1; i >= 0; i--)
        {
            follows[i] = f;
            TreeAnalysis.First(items[i], f, out f);
        }
        for (int i = 0; i < items.Count; i++) Gen(items[i], follows[i]);
    }

    /// <summary>
    /// An ordered choice among the alternatives of a chain, as right-nested choices: one
    /// backtrack entry at a time, and none for an alternative whose first byte decides.
    /// </summary>
    private void GenChoice(Node n, Charset follow)
    {
        var items = Flatten(n, Tag.Choice);
        int k = items.Count;
        // firsts of the remaining alternatives, from each one on
        var rest = new Charset[k + 1];
        rest[k] = Charset.Empty;
        for (int i = k - 1; i >= 1; i--)
        {
            TreeAnalysis.First(items[i], follow, out var fi);
            rest[i] = fi.Union(rest[i + 1]);
        }
        var ends = new List<int>();
        for (int i = 0; i < k; i++)
        {
            var a = items[i];
            if (i == k - 1 || TreeAnalysis.NoFail(a))
            {
                Gen(a, follow);
                break;
            }
            bool ea = TreeAnalysis.First(a, Charset.Full, out var fa);
            if (TreeAnalysis.HeadFail(a) || (!ea && fa.Disjoint(rest[i + 1])))
            {
                int test = EmitTest(fa);
                Gen(a, follow);
                ends.Add(Emit(Op.Jmp));
                Patch(test, Here);
            }
            else
            {
                int t = ea ? -1 : EmitTest(fa);
                int choice = Emit(Op.Choice);
                Gen(a, follow);
                ends.Add(Emit(Op.Commit));
                Patch(choice, Here);
                Patch(t, Here);
            }
        }
        foreach (int e in ends) Patch(e, Here);
    }

    private void GenRep(Node n, Charset follow)
    {
        var body = n.A!;
        var cs = TreeAnalysis.ToCharset(body);
        for (int i = 0; i < n.N; i++)
        {
            if (cs is not null) EmitSet(cs);
            else Gen(body, Charset.Full);
        }
        if (cs is not null)
        {
            Emit(new Instruction { Op = Op.Span, Set = cs });
            return;
        }
        bool e = TreeAnalysis.First(body, Charset.Full, out var fb);
        if (TreeAnalysis.HeadFail(body) || (!e && fb.Disjoint(follow)))
        {
            int top = EmitTest(fb);
            Gen(body, Charset.Full);
            Emit(Op.Jmp, top);
            Patch(top, Here);
            return;
        }
        int test = e ? -1 : EmitTest(fb);
        int choice = Emit(Op.Choice);
        int loop = Here;
        Gen(body, Charset.Full);
        Emit(Op.PartialCommit, loop);
        Patch(choice, Here);
        Patch(test, Here);
    }

    private void GenRepMax(Node n)
    {
        // Choice L; p; PartialCommit next; ... p; Commit L; L:
        int choice = Emit(Op.Choice);
        var jumps = new List<int>();
        for (int i = 0; i < n.N; i++)
        {
            Gen(n.A!, Charset.Full);
            if (i < n.N - 1) Emit(Op.PartialCommit, Here + 1);
            else jumps.Add(Emit(Op.Commit));
        }
        Patch(choice, Here);
        foreach (int j in jumps) Patch(j, Here);
    }

    private void GenNot(Node a)
    {
        var cs = TreeAnalysis.ToCharset(a);
        if (cs is not null || a.Tag == Tag.Any)
        {
            int test = cs is not null ? EmitTest(cs) : Emit(new Instruction { Op = Op.TestAny, N = a.N });
            Emit(Op.Fail);
            Patch(test, Here);
            return;
        }
        int choice = Emit(Op.Choice);
        Gen(a, Charset.Full);
        Emit(Op.FailTwice);
        Patch(choice, Here);
    }

    private void GenCapture(Node n, Charset follow)
    {
        int len = TreeAnalysis.FixedLen(n.A!);
        if (len >= 0 && !TreeAnalysis.HasCaptures(n.A!))
        {
            Gen(n.A!, follow);
            Emit(new Instruction { Op = Op.FullCapture, Kind = n.Cap, N = len, Value = n.Value });
            return;
        }
        Emit(new Instruction { Op = Op.OpenCapture, Kind = n.Cap, Value = n.Value });
        Gen(n.A!, follow);
        Emit(new Instruction { Op = Op.CloseCapture, Kind = CapKind.Close });
    }

    // ---- peephole ----

    private static bool HasTarget(Op op) => op is Op.TestAny or Op.TestChar or Op.TestSet or Op.Choice or Op.Jmp
        or Op.Call or Op.Commit or Op.PartialCommit or Op.BackCommit;

    /// <summary>Where a chain of jumps starting at <paramref name="pc"/> ends.</summary>
    private int FinalTarget(int pc)
    {
        for (int steps = 0; steps < 100 && _code[pc].Op == Op.Jmp; steps++) pc = _code[pc].Target;
        return pc;
    }

    private void Peephole()
    {
        for (int pc = 0; pc < _code.Count; pc++)
        {
            var ins = _code[pc];
            if (!HasTarget(ins.Op)) continue;
            int t = FinalTarget(ins.Target);
            ins.Target = t;
            if (ins.Op == Op.Jmp && _code[t].Op is Op.Ret or Op.End or Op.Fail)
            {
                ins.Op = _code[t].Op;
            }
            else if (ins.Op == Op.Call && _code[FinalTarget(pc + 1)].Op == Op.Ret)
            {
                ins.Op = Op.Jmp; // tail call
            }
            _code[pc] = ins;
        }
    }
}
