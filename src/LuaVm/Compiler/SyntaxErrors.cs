using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using LuaVm.Runtime;
using LuaVm.Syntax;
using static LuaVm.Syntax.LuaParser;

namespace LuaVm.Compiler;

/// <summary>
/// Turns ANTLR's syntax errors into lua5.1's messages: "'X' expected near 'tok'",
/// "'end' expected (to close 'while' at line 3) near '&lt;eof&gt;'", "unexpected symbol near 'tok'",
/// "unfinished string near '"abc'". The first error ends the compilation.
/// </summary>
internal sealed class SyntaxErrors(string chunkName) : BaseErrorListener
{
    /// <summary>How lua5.1 shows a token in "near '...'".</summary>
    public static string TokenText(IToken token) => token.Type == TokenConstants.EOF ? "<eof>" : token.Text;

    /// <summary>
    /// The " near 'text'" part of a message about <paramref name="token"/>: llex.c shows a
    /// control character as char(N), and nothing at all for the NUL character (token 0, which
    /// lexerror takes for "no token").
    /// </summary>
    public static string Near(IToken token, string text)
    {
        if (token.Type == LuaLexer.UNEXPECTED_CHAR && text.Length == 1 && (text[0] < 32 || text[0] == 127))
            return text[0] == 0 ? "" : $" near 'char({(int)text[0]})'";
        return $" near '{text}'";
    }

    public override void SyntaxError(TextWriter output, IRecognizer recognizer, IToken offendingSymbol, int line,
        int charPositionInLine, string msg, RecognitionException e)
    {
        var parser = (Parser)recognizer;
        string near = TokenText(offendingSymbol);
        // a string cut off by the end of the input is reported at '<eof>', one cut by a newline at its text
        if (offendingSymbol.Type == LuaLexer.UNFINISHED_STRING && offendingSymbol.StopIndex + 1 >= offendingSymbol.InputStream.Size) near = "<eof>";
        throw LuaSyntaxException.FromLatin1($"{ChunkName.Format(chunkName, ChunkName.SyntaxErrorIdSize)}:{offendingSymbol.Line}: {Describe(parser, offendingSymbol)}{Near(offendingSymbol, near)}");
    }

    private static string Describe(Parser parser, IToken offending)
    {
        if (offending.Type == LuaLexer.UNFINISHED_STRING) return "unfinished string";
        if (parser.Context is MethodSuffixContext || parser.Context?.Parent is MethodSuffixContext) return "function arguments expected";
        if (offending.Type == LuaLexer.UNEXPECTED_CHAR) return "unexpected symbol";
        IntervalSet expected;
        try
        {
            expected = parser.GetExpectedTokens();
        }
        catch (ArgumentException)
        {
            return "unexpected symbol";
        }
        var vocabulary = parser.Vocabulary;
        if (Environment.GetEnvironmentVariable("KRAKEN_DEBUG_SYNTAX") == "1")
            Console.Error.WriteLine($"[syntax] context={parser.Context?.GetType().Name} expected={expected.ToString(vocabulary)}");
        bool Expects(string literal)
        {
            foreach (int t in expected.ToArray())
                if (vocabulary.GetLiteralName(t) == $"'{literal}'") return true;
            return false;
        }
        bool expectsName = expected.Contains(LuaLexer.NAME);

        bool endsBlock = offending.Type == TokenConstants.EOF || offending.Text is "end" or "else" or "elseif" or "until";
        if (endsBlock && (Expects("end") || Expects("until")))
            return ClosingMessage(parser.Context, offending, Expects("until") && !Expects("end") ? "until" : "end");
        if (expectsName && Expects("...") && expected.Count <= 3) return "<name> or '...' expected";
        if (Expects("=") && Expects("in")) return "'=' or 'in' expected";
        if (expectsName && expected.Count == 1) return "'<name>' expected";
        if (expectsName || ExpectsExpressionStart(expected)) return "unexpected symbol";
        foreach (string closer in new[] { "=", "then", "do", ")", "]", "}", "end", "until", "in", "(", "," })
            if (Expects(closer)) return ClosingMessage(parser.Context, offending, closer);
        return "unexpected symbol";
    }

    /// <summary>True when an expression must start here (a number can only start one, never continue one).</summary>
    private static bool ExpectsExpressionStart(IntervalSet expected) => expected.Contains(LuaLexer.NUMBER);

    /// <summary>"'X' expected", plus "(to close 'Y' at line N)" when the opener is on another line.</summary>
    private static string ClosingMessage(ParserRuleContext? context, IToken offending, string closer)
    {
        var opener = FindOpener(context, closer);
        if (opener is null || opener.Value.Line == offending.Line) return $"'{closer}' expected";
        return $"'{closer}' expected (to close '{opener.Value.Text}' at line {opener.Value.Line})";
    }

    private static (string Text, int Line)? FindOpener(ParserRuleContext? ctx, string closer)
    {
        for (; ctx is not null; ctx = ctx.Parent as ParserRuleContext)
        {
            switch (closer)
            {
                case "end":
                    switch (ctx)
                    {
                        case DoStatContext or WhileStatContext or IfStatContext or NumericForStatContext or GenericForStatContext:
                            return (ctx.Start.Text, ctx.Start.Line);
                        case FuncbodyContext body:
                            var function = body.Parent is LocalFunctionStatContext local ? local.GetChild(1) as Antlr4.Runtime.Tree.ITerminalNode : null;
                            var token = function?.Symbol ?? ((ParserRuleContext)body.Parent).Start;
                            return ("function", token.Line);
                    }
                    break;
                case "until" when ctx is RepeatStatContext:
                    return ("repeat", ctx.Start.Line);
                case ")" when ctx is ParenPrimaryContext or ParenArgsContext or FuncbodyContext:
                    return ("(", ctx.Start.Line);
                case "}" when ctx is TableconstructorContext:
                    return ("{", ctx.Start.Line);
                case "]" when ctx is IndexSuffixContext or KeyFieldContext:
                    return ("[", ctx.Start.Line);
            }
        }
        return null;
    }
}
