using LuaVm.Runtime;

namespace LuaModules.Lpeg;

/// <summary>The kinds of pattern-tree nodes (the abstract syntax of a PEG, as in the LPeg paper).</summary>
internal enum Tag : byte
{
    Char,     // one byte: Ch
    Str,      // a literal of two or more bytes: Bytes
    Set,      // one byte of Charset
    Any,      // exactly N bytes (N >= 1)
    True,     // always succeeds, consumes nothing
    False,    // always fails
    Rep,      // A repeated at least N times (possessive)
    RepMax,   // A repeated at most N times (possessive)
    Seq,      // A then B
    Choice,   // A, else B (ordered)
    Not,      // !A
    And,      // &A
    Behind,   // A matched N bytes behind the current position
    Capture,  // capture of Cap kind over A, with Value
    RunTime,  // match-time capture (Cmt) over A with function Value
    OpenCall, // lpeg.V(Value), before its grammar is fixed
    Call,     // call of rule Rule (in the nearest enclosing grammar)
    Grammar,  // Rules[0] is the initial rule
}

/// <summary>The kinds of captures, shared by the tree, the program and the capture list.</summary>
internal enum CapKind : byte
{
    Close, Position, Const, Backref, Arg, Simple, Table, Function, Query, String, Num, Subst, Fold, Runtime, Group,
}

/// <summary>
/// A node of a pattern tree. Trees are immutable once built and shared between patterns; only a
/// grammar's copy of its rule bodies is private to it (its Call nodes point back to its rules,
/// so a grammar's tree is a graph and the walkers that follow calls guard against cycles).
/// </summary>
internal sealed class Node
{
    public readonly Tag Tag;
    public Node? A, B;
    public byte Ch;
    public int N;
    public byte[]? Bytes;
    public Charset? Set;
    public CapKind Cap;
    public LuaValue Value;
    public Rule? Rule;       // Call: the rule called
    public Rule[]? Rules;    // Grammar
    public bool Open;        // the subtree has an OpenCall outside any nested grammar

    // analyses cached on subtrees whose result does not depend on rules they call (see TreeAnalysis)
    public int CachedFixedLen = int.MinValue;
    public sbyte CachedHasCaptures = -1;

    public Node(Tag tag) => Tag = tag;

    public static Node Un(Tag tag, Node a) => new(tag) { A = a, Open = a.Open };
    public static Node Bin(Tag tag, Node a, Node b) => new(tag) { A = a, B = b, Open = a.Open || b.Open };

    public static readonly Node TrueNode = new(Tag.True);
    public static readonly Node FalseNode = new(Tag.False);

    public static Node Seq(Node a, Node b) => Bin(Tag.Seq, a, b);
    public static Node Choice(Node a, Node b) => Bin(Tag.Choice, a, b);
    public static Node Not(Node a) => Un(Tag.Not, a);
    public static Node CharNode(byte c) => new(Tag.Char) { Ch = c };
    public static Node SetNode(Charset s) => new(Tag.Set) { Set = s };
    public static Node AnyNode(int n) => new(Tag.Any) { N = n };
    public static Node Capture(CapKind k, Node a, LuaValue v) => new(Tag.Capture) { Cap = k, A = a, Value = v, Open = a.Open };
}

/// <summary>A rule of a grammar: its key in the grammar table, its position and its body.</summary>
internal sealed class Rule
{
    public readonly LuaValue Key;
    public readonly int Index;
    public Node Body = Node.TrueNode;

    public Rule(LuaValue key, int index)
    {
        Key = key;
        Index = index;
    }
}
