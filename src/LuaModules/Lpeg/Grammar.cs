using LuaVm.Runtime;

namespace LuaModules.Lpeg;

/// <summary>
/// Turns a Lua table into a grammar (lpeg.P(table)): collects the rules, binds every open
/// reference lpeg.V(key) to its rule, then rejects left recursion and loops whose body can match
/// the empty string, with LPeg's messages.
/// </summary>
internal static class Grammar
{
    /// <summary>LPeg reports too many rules as an error of argument 1.</summary>
    public sealed class GrammarSizeException() : Exception("grammar has too many rules");

    public const int MaxRules = 1000;

    public static Pattern Build(LuaTable t)
    {
        var first = t.GetInt(1);
        LuaValue initKey = first.IsString || first.IsNumber ? first : new LuaValue(1);
        var init = t.Get(initKey);
        if (Patterns.Of(init) is not { } initPattern)
            throw new LpegException(init.IsNil ? "grammar has no initial rule"
                : $"initial rule '{KeyName(initKey)}' is not a pattern");
        var keys = new List<LuaValue> { initKey };
        var patterns = new List<Pattern> { initPattern };
        var key = LuaValue.Nil;
        while (t.Next(key, out var k, out var v))
        {
            key = k;
            if ((k.IsNumber && k.Num == 1) || LuaValue.RawEquals(k, initKey)) continue;
            if (Patterns.Of(v) is not { } p) throw new LpegException($"rule '{KeyName(k)}' is not a pattern");
            keys.Add(k);
            patterns.Add(p);
        }
        if (keys.Count > MaxRules) throw new GrammarSizeException();

        var rules = new Rule[keys.Count];
        var byKey = new Dictionary<LuaValue, Rule>();
        for (int i = 0; i < rules.Length; i++)
        {
            rules[i] = new Rule(keys[i], i);
            byKey[keys[i]] = rules[i];
        }
        int values = 0;
        double size = 2;
        for (int i = 0; i < rules.Length; i++)
        {
            rules[i].Body = Bind(patterns[i].Tree, byKey);
            values += patterns[i].ValueCount + 1;
            size += patterns[i].Size + 1;
        }
        foreach (var r in rules) Verify(r.Body, new List<Rule> { r });
        foreach (var r in rules)
            if (HasEmptyLoop(r.Body)) throw new LpegException($"empty loop in rule '{KeyName(r.Key)}'");
        return new Pattern(new Node(Tag.Grammar) { Rules = rules }, values, size);
    }

    /// <summary>How LPeg names a rule key in messages: strings as they are, numbers as Lua prints them, else "(a type)".</summary>
    public static string KeyName(in LuaValue key) =>
        key.IsString ? key.AsString!.ToLatin1String()
        : key.IsNumber ? LuaVm.Runtime.NumberFormat.Format(key.Num)
        : $"(a {key.TypeName()})";

    /// <summary>A copy of the tree with open references replaced by calls to the rules; closed subtrees are shared.</summary>
    private static Node Bind(Node n, Dictionary<LuaValue, Rule> rules)
    {
        if (!n.Open) return n;
        StackGuard.Check();
        if (n.Tag == Tag.OpenCall)
        {
            if (!rules.TryGetValue(n.Value, out var rule))
                throw new LpegException($"rule '{KeyName(n.Value)}' undefined in given grammar");
            return new Node(Tag.Call) { Rule = rule, Value = n.Value };
        }
        return new Node(n.Tag)
        {
            A = n.A is null ? null : Bind(n.A, rules),
            B = n.B is null ? null : Bind(n.B, rules),
            Ch = n.Ch, N = n.N, Bytes = n.Bytes, Set = n.Set, Cap = n.Cap, Value = n.Value,
        };
    }

    /// <summary>
    /// Walks what the rule may run before consuming input; a rule met twice on that walk is left
    /// recursive. Returns whether the subtree can succeed without consuming.
    /// </summary>
    private static bool Verify(Node n, List<Rule> passed)
    {
        while (true)
        {
            StackGuard.Check();
            switch (n.Tag)
            {
                case Tag.Char: case Tag.Str: case Tag.Set: case Tag.Any: case Tag.False:
                    return false;
                case Tag.True: case Tag.Behind:
                    return true;
                case Tag.Not: case Tag.And: case Tag.RepMax:
                    Verify(n.A!, passed);
                    return true;
                case Tag.Rep:
                    return Verify(n.A!, passed) || n.N == 0;
                case Tag.Capture: case Tag.RunTime:
                    n = n.A!;
                    continue;
                case Tag.Seq:
                    if (!Verify(n.A!, passed)) return false;
                    n = n.B!;
                    continue;
                case Tag.Choice:
                {
                    bool a = Verify(n.A!, passed);
                    bool b = Verify(n.B!, passed);
                    return a || b;
                }
                case Tag.Grammar:
                    return TreeAnalysis.Nullable(n);
                case Tag.Call:
                {
                    var rule = n.Rule!;
                    if (passed.Contains(rule) || passed.Count >= MaxRules)
                        throw new LpegException($"rule '{KeyName(rule.Key)}' may be left recursive");
                    passed.Add(rule);
                    bool r = Verify(rule.Body, passed);
                    passed.RemoveAt(passed.Count - 1);
                    return r;
                }
                default:
                    return false;
            }
        }
    }

    /// <summary>Whether the rule (not the rules it calls) has a repetition whose body can match the empty string.</summary>
    private static bool HasEmptyLoop(Node n)
    {
        while (true)
        {
            StackGuard.Check();
            switch (n.Tag)
            {
                case Tag.Rep:
                    if (TreeAnalysis.Nullable(n.A!)) return true;
                    n = n.A!;
                    continue;
                case Tag.Grammar: case Tag.Call:
                    return false;
                default:
                    if (n.A is null) return false;
                    if (n.B is not null && HasEmptyLoop(n.B)) return true;
                    n = n.A;
                    continue;
            }
        }
    }
}
