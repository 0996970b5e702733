using LuaVm.Runtime;

namespace LuaVm.Compiler;

/// <summary>
/// lparser.c's limits and their messages, in one place: the code generator enforces them on
/// chunks the parser accepted, and <see cref="SyntaxChecker"/> on chunks it rejected (where the
/// first error may be a limit reached before the syntax error), so both must agree exactly.
/// </summary>
internal static class CompilerLimits
{
    /// <summary>Active locals per function (LUAI_MAXVARS).</summary>
    public const int MaxLocals = 200;

    /// <summary>Upvalues per function (LUAI_MAXUPVALUES).</summary>
    public const int MaxUpvalues = 60;

    /// <summary>Nesting of blocks and expressions (LUAI_MAXCCALLS, lparser.c's L->nCcalls).</summary>
    public const int MaxSyntaxLevels = 200;

    /// <summary>
    /// Where the syntax level count starts: the C calls lua.c has made before a chunk's
    /// loadstring parses (pmain, docall), so that the thresholds match lua5.1's.
    /// </summary>
    public const int BaseSyntaxLevel = 2;

    /// <summary>More than <see cref="MaxLocals"/> in the function defined at <paramref name="lineDefined"/> (0: the main function).</summary>
    public static LuaSyntaxException TooManyLocals(string chunk, int line, int lineDefined) =>
        LimitError(chunk, line, lineDefined, MaxLocals, "local variables");

    /// <summary>More than <see cref="MaxUpvalues"/> in the function defined at <paramref name="lineDefined"/> (0: the main function).</summary>
    public static LuaSyntaxException TooManyUpvalues(string chunk, int line, int lineDefined) =>
        LimitError(chunk, line, lineDefined, MaxUpvalues, "upvalues");

    /// <summary>lparser.c's errorlimit, raised with luaX_lexerror(..., 0): no "near" part.</summary>
    private static LuaSyntaxException LimitError(string chunk, int line, int lineDefined, int limit, string what) => LuaSyntaxException.FromLatin1(
        $"{chunk}:{line}: " + (lineDefined == 0 ? "main function" : $"function at line {lineDefined}") + $" has more than {limit} {what}");

    /// <summary>More than <see cref="MaxSyntaxLevels"/> nested levels.</summary>
    public static LuaSyntaxException TooManySyntaxLevels(string chunk, int line) => LuaSyntaxException.FromLatin1($"{chunk}:{line}: chunk has too many syntax levels");
}
