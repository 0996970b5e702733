// LPeg 1.0.2, Parsing Expression Grammars for Lua, written here in C#.
// Documentation: "LPeg - Parsing Expression Grammars For Lua", https://www.inf.puc-rio.br/~roberto/lpeg/
// Design: R. Ierusalimschy, "A Text Pattern-Matching Tool based on Parsing Expression Grammars",
// Software: Practice and Experience 39(3), 2009; S. Medeiros and R. Ierusalimschy, "A Parsing
// Machine for PEGs", DLS 2008. A pattern is a tree (Node.cs) compiled (Compiler.cs) to a program
// for the parsing machine (Machine.cs); captures are recorded during the match and evaluated after
// it (CaptureEvaluator.cs). The re module is ReModule.cs with re.lua.
using LuaVm;
using LuaVm.Runtime;

namespace LuaModules.Lpeg;

/// <summary>The lpeg module: luaopen_lpeg and the functions of its table.</summary>
internal static class LpegModule
{
    /// <summary>The version lpeg.version() reports.</summary>
    public const string Version = "1.0.2";

    private const int DefaultMaxStack = 400;

    /// <summary>The largest buffers kept for the next match.</summary>
    private const int MaxSpare = 1 << 20;

    /// <summary>The per-state settings (lpeg.setmaxstack) and the pattern metatable.</summary>
    private sealed class ModuleState
    {
        public int MaxStack = DefaultMaxStack;
        public LuaTable Metatable = null!;

        // buffers of the last match, reused by the next one (a match inside a match-time
        // capture finds them taken and allocates its own)
        public CaptureEntry[]? SpareCaptures;
        public List<LuaValue>? SpareValues;
        public BacktrackEntry[]? SpareStack;
    }

    /// <summary>luaopen_lpeg: returns the module table (also stored in the global <c>lpeg</c>, as LPeg does on Lua 5.1).</summary>
    public static int Open(CallContext call)
    {
        var state = call.State;
        var ms = new ModuleState();
        static LuaValue Wrap(LuaUserdata u) => new(u);
        LuaUserdata Make(Pattern p) => state.NewUserdata(p, ms.Metatable);
        Pattern Get(CallContext c, int n)
        {
            var p = Patterns.FromValue(c[n]);
            return p ?? throw c.TypeError(n, "lpeg-pattern");
        }
        int Ret(CallContext c, Pattern p) => c.Return(Wrap(Make(p)));

        var lib = state.CreateTable(
            ("match", E(c => Match(c, Get(c, 1), ms))),
            ("type", E(c => c.Return(Patterns.Of(c[1]) is not null ? (LuaValue)"pattern" : LuaValue.Nil))),
            ("version", E(c => c.Return(Version))),
            ("setmaxstack", E(c =>
            {
                long n = c.CheckInteger(1);
                if (n <= 0) throw c.ArgError(1, "out of range");
                ms.MaxStack = (int)Math.Min(n, int.MaxValue);
                return 0;
            })),
            ("P", E(c =>
            {
                c.CheckAny(1);
                return Patterns.Of(c[1]) is not null ? c.Return(c[1]) : Ret(c, Get(c, 1));
            })),
            ("S", E(c =>
            {
                var s = new Charset();
                foreach (byte b in c.CheckString(1).Bytes) s.Add(b);
                return Ret(c, Patterns.Leaf(Patterns.SetOrSimpler(s)));
            })),
            ("R", E(c =>
            {
                var s = new Charset();
                for (int i = 1; i <= c.ArgCount; i++)
                {
                    var r = c.CheckString(i).Bytes;
                    if (r.Length != 2) throw c.ArgError(i, "range must have two characters");
                    for (int b = r[0]; b <= r[1]; b++) s.Add(b);
                }
                return Ret(c, Patterns.Leaf(Patterns.SetOrSimpler(s)));
            })),
            ("V", E(c =>
            {
                if (!c.IsNone(1) && c[1].IsNil) throw c.ArgError(1, "non-nil value expected"); // LPeg accepts no argument at all
                return Ret(c, Patterns.Leaf(new Node(Tag.OpenCall) { Value = c[1], Open = true }, 1));
            })),
            ("B", E(c =>
            {
                var p = Get(c, 1);
                int n = StackGuard.Run(() => TreeAnalysis.FixedLen(p.Tree));
                if (n < 0) throw c.ArgError(1, "pattern may not have fixed length");
                if (StackGuard.Run(() => TreeAnalysis.HasCaptures(p.Tree))) throw c.ArgError(1, "pattern have captures");
                if (n > 255) throw c.ArgError(1, "pattern too long to look behind");
                return Ret(c, Patterns.Behind(p, n));
            })),
            ("C", E(c => Ret(c, Patterns.Capture(CapKind.Simple, Get(c, 1), LuaValue.Nil, false)))),
            ("Ct", E(c => Ret(c, Patterns.Capture(CapKind.Table, Get(c, 1), LuaValue.Nil, false)))),
            ("Cs", E(c => Ret(c, Patterns.Capture(CapKind.Subst, Get(c, 1), LuaValue.Nil, false)))),
            ("Cp", E(c => Ret(c, Patterns.Capture(CapKind.Position, Patterns.Leaf(Node.TrueNode), LuaValue.Nil, false)))),
            ("Cg", E(c =>
            {
                var p = Get(c, 1);
                return c.IsNoneOrNil(2)
                    ? Ret(c, Patterns.Capture(CapKind.Group, p, LuaValue.Nil, false))
                    : Ret(c, Patterns.Capture(CapKind.Group, p, c[2], true));
            })),
            ("Cb", E(c =>
            {
                c.CheckAny(1);
                return Ret(c, Patterns.Capture(CapKind.Backref, Patterns.Leaf(Node.TrueNode), c[1], true));
            })),
            ("Carg", E(c =>
            {
                long n = c.CheckInteger(1);
                if (n <= 0 || n > ushort.MaxValue) throw c.ArgError(1, "invalid argument index");
                return Ret(c, Patterns.Capture(CapKind.Arg, Patterns.Leaf(Node.TrueNode), (double)n, false));
            })),
            ("Cc", E(c =>
            {
                int n = c.ArgCount;
                if (n == 0) return Ret(c, Patterns.Leaf(Node.TrueNode));
                var t = Patterns.Leaf(Node.TrueNode);
                if (n == 1) return Ret(c, Patterns.Capture(CapKind.Const, t, c[1], true));
                Pattern? seq = null;
                for (int i = 1; i <= n; i++)
                {
                    var k = Patterns.Capture(CapKind.Const, t, c[i], true);
                    seq = seq is null ? k : new Pattern(Node.Seq(seq.Tree, k.Tree), seq.ValueCount + 1, seq.Size + 1);
                }
                return Ret(c, Patterns.Capture(CapKind.Group, seq!, LuaValue.Nil, false));
            })),
            ("Cf", E(c =>
            {
                var p = Get(c, 1);
                c.CheckFunction(2);
                return Ret(c, Patterns.Capture(CapKind.Fold, p, c[2], true));
            })),
            ("Cmt", E(c =>
            {
                var p = Get(c, 1);
                c.CheckFunction(2);
                return Ret(c, Patterns.RunTime(p, c[2]));
            })),
            ("locale", E(c =>
            {
                var t = c.IsNoneOrNil(1) ? new LuaTable() : c.CheckTable(1);
                Locale.Fill(t, s => Make(Patterns.Leaf(Patterns.SetOrSimpler(s))));
                return c.Return(t);
            })),
            ("ptree", E(c =>
            {
                var p = Get(c, 1);
                Printer.PrintTree(state, p.Tree);
                return 0;
            })),
            ("pcode", E(c =>
            {
                var p = Get(c, 1);
                Printer.PrintCode(state, p.Code ??= StackGuard.Run(() => Compiler.Compile(p.Tree)));
                return 0;
            })));

        var mt = state.CreateTable(
            ("__add", E(c => Ret(c, Patterns.Choice(Get(c, 1), Get(c, 2))))),
            ("__sub", E(c => Ret(c, Patterns.Difference(Get(c, 1), Get(c, 2))))),
            ("__mul", E(c => Ret(c, Patterns.Seq(Get(c, 1), Get(c, 2))))),
            ("__unm", E(c => Ret(c, Patterns.Not(Get(c, 1))))),
            ("__len", E(c => Ret(c, Patterns.And(Get(c, 1))))),
            ("__pow", E(c =>
            {
                var p = Get(c, 1);
                double d = c.CheckNumber(2);
                double t = Math.Truncate(d);
                int n = t > int.MaxValue ? int.MaxValue : t < -int.MaxValue ? -int.MaxValue : (int)t;
                return Ret(c, StackGuard.Run(() => Patterns.Power(p, n)));
            })),
            ("__div", E(c => Ret(c, Divide(c, Get(c, 1))))),
            ("__gc", E(_ => 0)));
        mt.Set("__index", lib);
        ms.Metatable = mt;
        state.Globals.Set("lpeg", lib);
        return call.Return(lib);
    }

    /// <summary>Wraps a library function so LPeg's errors (raised deep inside) become Lua errors of the caller.</summary>
    private static LuaNativeFunction E(LuaNativeFunction f) => call =>
    {
        try
        {
            return f(call);
        }
        catch (LpegException e)
        {
            throw call.ErrorLatin1(e.Message);
        }
        catch (StackGuard.StackExhaustedException e)
        {
            throw call.ErrorLatin1(e.Message);
        }
        catch (Grammar.GrammarSizeException e)
        {
            throw call.ArgErrorLatin1(1, e.Message);
        }
    };

    /// <summary>patt / x: string, number, table and function captures.</summary>
    private static Pattern Divide(CallContext c, Pattern p)
    {
        var v = c[2];
        if (v.IsNumber)
        {
            double n = Math.Truncate(v.Num);
            if (!(n >= 0 && n <= short.MaxValue)) throw c.ArgError(1, "invalid number");
            return Patterns.Capture(CapKind.Num, p, n, false);
        }
        return v.Obj switch
        {
            LuaString => Patterns.Capture(CapKind.String, p, v, true),
            LuaTable => Patterns.Capture(CapKind.Query, p, v, true),
            LuaFunction => Patterns.Capture(CapKind.Function, p, v, true),
            _ => throw c.ArgError(2, "invalid replacement value"),
        };
    }

    /// <summary>lpeg.match(pattern, subject [, init, ...]).</summary>
    private static int Match(CallContext c, Pattern p, ModuleState ms)
    {
        var subject = c.CheckString(2);
        int len = subject.Length;
        long init = c.OptInteger(3, 1);
        int i = init > 0 ? (int)Math.Min(init - 1, len) : (-init <= len ? len + (int)init : 0);
        var program = p.Code ??= StackGuard.Run(() => Compiler.Compile(p.Tree));
        var extra = c.ArgCount > 3 ? new LuaValue[c.ArgCount - 3] : [];
        for (int k = 0; k < extra.Length; k++) extra[k] = c[4 + k];
        var ctx = new CaptureContext(subject, c.Thread, extra, ms.SpareCaptures);
        ms.SpareCaptures = null;
        var values = ms.SpareValues ?? new List<LuaValue>();
        ms.SpareValues = null;
        try
        {
            var machine = new Machine(program, ctx, ms.MaxStack, ms.SpareStack);
            ms.SpareStack = null;
            int end = machine.Run(i);
            if (machine.Stack.Length <= MaxSpare) ms.SpareStack = machine.Stack;
            if (end < 0) return c.Return(LuaValue.Nil);
            if (ctx.CaptureCount == 0) return c.Return(end + 1);
            var ev = new CaptureEvaluator(ctx, program.Code, values);
            int n = 0;
            for (int k = 0; k < ctx.CaptureCount;) n += ev.Push(ref k);
            if (n == 0) return c.Return(end + 1);
            c.Thread.EnsureStack(n);
            foreach (var v in values) c.Push(v);
            return n;
        }
        finally
        {
            values.Clear();
            if (values.Capacity <= MaxSpare) ms.SpareValues = values;
            if (ctx.Captures.Length <= MaxSpare) ms.SpareCaptures = ctx.Captures;
        }
    }
}
