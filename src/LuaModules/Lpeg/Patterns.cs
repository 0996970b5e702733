using LuaVm.Runtime;

namespace LuaModules.Lpeg;

/// <summary>
/// Building patterns: lpeg.P's conversion of Lua values, and the constructors behind the
/// operators and capture functions, with LPeg's construction-time simplifications (set union
/// and difference of single-byte sets, identities of true and false).
/// </summary>
internal static class Patterns
{
    /// <summary>The pattern inside a pattern userdata, or null.</summary>
    public static Pattern? Of(in LuaValue v) => (v.Obj as LuaUserdata)?.Value as Pattern;

    public static Pattern Leaf(Node n, int values = 0) => new(n, values, 1);

    /// <summary>lpeg.P's rules for turning a Lua value into a pattern; null when the value has no pattern form.</summary>
    public static Pattern? FromValue(in LuaValue v)
    {
        if (Of(v) is { } p) return p;
        switch (v.Obj)
        {
            case LuaString s:
                return Leaf(FromBytes(s.Bytes));
            case LuaTable t:
                return StackGuard.Run(() => Grammar.Build(t));
            case LuaFunction:
                return new Pattern(new Node(Tag.RunTime) { A = Node.TrueNode, Value = v }, 1, 2);
        }
        if (v.IsNumber) return Leaf(FromCount(v.Num));
        if (v.IsBoolean) return Leaf(v.IsTruthy ? Node.TrueNode : Node.FalseNode);
        return null;
    }

    public static Node FromBytes(byte[] b) => b.Length switch
    {
        0 => Node.TrueNode,
        1 => Node.CharNode(b[0]),
        _ => new Node(Tag.Str) { Bytes = b },
    };

    /// <summary>lpeg.P(n): n bytes, or for negative n, "fewer than -n bytes remain".</summary>
    public static Node FromCount(double d)
    {
        double t = Math.Truncate(d);
        if (double.IsNaN(t)) t = 0;
        int n = t > int.MaxValue ? int.MaxValue : t < -int.MaxValue ? -int.MaxValue : (int)t;
        if (n == 0) return Node.TrueNode;
        return n > 0 ? Node.AnyNode(n) : Node.Not(Node.AnyNode(-n));
    }

    public static Node SetOrSimpler(Charset s)
    {
        int count = s.Count(out int single);
        return count switch
        {
            0 => Node.FalseNode,
            1 => Node.CharNode((byte)single),
            256 => Node.AnyNode(1),
            _ => Node.SetNode(s),
        };
    }

    private static int SumValues(Pattern a, Pattern b) => ReferenceEquals(a, b) ? a.ValueCount : a.ValueCount + b.ValueCount;

    public static Pattern Seq(Pattern a, Pattern b)
    {
        if (a.Tree.Tag == Tag.True) return b;
        if (b.Tree.Tag == Tag.True) return a;
        if (a.Tree.Tag == Tag.False) return a;
        return new Pattern(Node.Seq(a.Tree, b.Tree), SumValues(a, b), a.Size + b.Size);
    }

    public static Pattern Choice(Pattern a, Pattern b)
    {
        var ca = TreeAnalysis.ToCharset(a.Tree);
        var cb = TreeAnalysis.ToCharset(b.Tree);
        if (ca is not null && cb is not null) return Leaf(SetOrSimpler(ca.Union(cb)));
        if (a.Tree.Tag == Tag.False) return b;
        if (b.Tree.Tag == Tag.False) return a;
        return new Pattern(Node.Choice(a.Tree, b.Tree), SumValues(a, b), a.Size + b.Size + 2);
    }

    public static Pattern Difference(Pattern a, Pattern b)
    {
        var ca = TreeAnalysis.ToCharset(a.Tree);
        var cb = TreeAnalysis.ToCharset(b.Tree);
        if (ca is not null && cb is not null) return Leaf(SetOrSimpler(ca.Minus(cb)));
        return new Pattern(Node.Seq(Node.Not(b.Tree), a.Tree), SumValues(a, b), a.Size + b.Size + 2);
    }

    public static Pattern Not(Pattern a) => new(Node.Not(a.Tree), a.ValueCount, a.Size + 2);

    public static Pattern And(Pattern a) => new(Node.Un(Tag.And, a.Tree), a.ValueCount, a.Size + 3);

    public static Pattern Power(Pattern a, int n)
    {
        if (n >= 0)
        {
            if (TreeAnalysis.Nullable(a.Tree)) throw new LpegException("loop body may accept empty string");
            return new Pattern(new Node(Tag.Rep) { A = a.Tree, N = n, Open = a.Tree.Open }, a.ValueCount, (a.Size + 2) * ((double)n + 1));
        }
        long m = -(long)n;
        return new Pattern(new Node(Tag.RepMax) { A = a.Tree, N = (int)Math.Min(m, int.MaxValue), Open = a.Tree.Open },
            a.ValueCount, (a.Size + 1) * m + 2);
    }

    public static Pattern Capture(CapKind kind, Pattern a, LuaValue value, bool countsValue) =>
        new(Node.Capture(kind, a.Tree, value), a.ValueCount + (countsValue ? 1 : 0), a.Size + 2);

    public static Pattern RunTime(Pattern a, LuaValue f) =>
        new(new Node(Tag.RunTime) { A = a.Tree, Value = f, Open = a.Tree.Open }, a.ValueCount + 1, a.Size + 2);

    public static Pattern Behind(Pattern a, int n) =>
        new(new Node(Tag.Behind) { A = a.Tree, N = n, Open = a.Tree.Open }, a.ValueCount, a.Size + 1);
}
