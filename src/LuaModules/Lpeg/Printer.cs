using System.Text;
using LuaVm;

namespace LuaModules.Lpeg;

/// <summary>
/// lpeg.ptree and lpeg.pcode, LPeg's debugging aids: they print a pattern's tree or its program
/// to standard output. The layout is Kraken's own (the trees and programs differ from LPeg's).
/// </summary>
internal static class Printer
{
    public static void PrintTree(LuaState state, Node tree)
    {
        var sb = new StringBuilder();
        Tree(sb, tree, 0, new HashSet<Node>());
        Write(state, sb);
    }

    public static void PrintCode(LuaState state, Program program)
    {
        var sb = new StringBuilder();
        var code = program.Code;
        for (int pc = 0; pc < code.Length; pc++)
        {
            var i = code[pc];
            sb.Append(pc.ToString("D4")).Append(' ').Append(i.Op.ToString());
            switch (i.Op)
            {
                case Op.Char: case Op.TestChar: sb.Append(" '").Append(Show(i.Ch)).Append('\''); break;
                case Op.Any: case Op.TestAny: case Op.Behind: sb.Append(' ').Append(i.N); break;
                case Op.Str: sb.Append(" \"").Append(Encoding.Latin1.GetString(i.Bytes!)).Append('"'); break;
                case Op.Set: case Op.TestSet: case Op.Span: sb.Append(' ').Append(Show(i.Set!)); break;
                case Op.OpenCapture: case Op.FullCapture: sb.Append(' ').Append(i.Kind.ToString()).Append(i.Op == Op.FullCapture ? $" (size = {i.N})" : ""); break;
            }
            if (i.Op is Op.TestAny or Op.TestChar or Op.TestSet or Op.Choice or Op.Jmp or Op.Call or Op.Commit
                or Op.PartialCommit or Op.BackCommit)
                sb.Append(" -> ").Append(i.Target.ToString("D4"));
            sb.Append('\n');
        }
        Write(state, sb);
    }

    private static void Write(LuaState state, StringBuilder sb)
    {
        var bytes = Encoding.Latin1.GetBytes(sb.ToString());
        state.StdOut.Write(bytes);
        state.StdOut.Flush();
    }

    private static string Show(byte c) => c >= 32 && c < 127 ? ((char)c).ToString() : $"\\{c}";

    private static string Show(Charset s)
    {
        var sb = new StringBuilder("[");
        for (int c = 0; c < 256; c++)
        {
            if (!s.Has(c)) continue;
            int e = c;
            while (e + 1 < 256 && s.Has(e + 1)) e++;
            sb.Append(Show((byte)c));
            if (e > c) sb.Append('-').Append(Show((byte)e));
            c = e;
        }
        return sb.Append(']').ToString();
    }

    private static void Tree(StringBuilder sb, Node n, int indent, HashSet<Node> seen)
    {
        StackGuard.Check();
        sb.Append(' ', indent * 2).Append(n.Tag.ToString().ToLowerInvariant());
        switch (n.Tag)
        {
            case Tag.Char: sb.Append(" '").Append(Show(n.Ch)).Append('\''); break;
            case Tag.Str: sb.Append(" \"").Append(Encoding.Latin1.GetString(n.Bytes!)).Append('"'); break;
            case Tag.Set: sb.Append(' ').Append(Show(n.Set!)); break;
            case Tag.Any: case Tag.Rep: case Tag.RepMax: case Tag.Behind: sb.Append(' ').Append(n.N); break;
            case Tag.Capture: sb.Append(' ').Append(n.Cap.ToString().ToLowerInvariant()); break;
            case Tag.OpenCall: case Tag.Call: sb.Append(" '").Append(Grammar.KeyName(n.Value)).Append('\''); break;
        }
        sb.Append('\n');
        if (n.Tag == Tag.Grammar)
        {
            foreach (var r in n.Rules!)
            {
                sb.Append(' ', indent * 2 + 2).Append("rule '").Append(Grammar.KeyName(r.Key)).Append("'\n");
                Tree(sb, r.Body, indent + 2, seen);
            }
            return;
        }
        if (n.Tag == Tag.Call) return;
        if (n.A is not null) Tree(sb, n.A, indent + 1, seen);
        if (n.B is not null) Tree(sb, n.B, indent + 1, seen);
    }
}
