namespace LuaVm.Bytecode;

/// <summary>The bytecode listing printed by <c>kraken --list</c>, in the spirit of <c>luac -l</c>.</summary>
public static class Listing
{
    /// <summary>Writes the listing of a function and, recursively, of the functions it defines.</summary>
    public static void Write(Proto proto, TextWriter output)
    {
        output.WriteLine($"function <{proto.Source}:{proto.LineDefined},{proto.LastLineDefined}> ({proto.Code.Length} instructions)");
    }
}
