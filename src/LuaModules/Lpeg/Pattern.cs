namespace LuaModules.Lpeg;

/// <summary>
/// The .NET object inside a pattern userdata: its tree, the number of Lua values the tree holds
/// (LPeg's ktable size, limited as LPeg limits it), an estimate of its program size (so huge
/// repetitions fail when built, not by exhausting memory) and its program, compiled at first match.
/// </summary>
internal sealed class Pattern
{
    public const int MaxValues = 65535;
    public const double MaxSize = 2_000_000;

    public readonly Node Tree;
    public readonly int ValueCount;
    public readonly double Size;
    public Program? Code;

    public Pattern(Node tree, int valueCount, double size)
    {
        if (valueCount > MaxValues) throw new LpegException("too many Lua values in pattern");
        if (size > MaxSize) throw new LpegException("pattern too large");
        Tree = tree;
        ValueCount = valueCount;
        Size = size;
    }
}
