using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using Antlr4.Runtime.Misc;
using LuaVm.Bytecode;
using LuaVm.Runtime;
using LuaVm.Syntax;

namespace LuaVm.Compiler;

/// <summary>Entry point of the compiler: source text to a main-chunk prototype.</summary>
public static class LuaCompiler
{
    /// <summary>Sources larger than this, or that look deeply nested, are compiled on a thread with a large stack.</summary>
    private const int InlineSourceLimit = 4096;
    private const int LargeStackBytes = 512 * 1024 * 1024;
    /// <summary>Bracket nesting beyond this is rejected before parsing (lua5.1's own limit is 200 levels).</summary>
    private const int MaxRawNesting = 2000;

    /// <summary>
    /// Parses and compiles a chunk. The source is bytes (read as Latin-1 so every byte survives).
    /// Throws <see cref="LuaSyntaxException"/> with lua5.1's syntax error message.
    /// </summary>
    public static Proto Compile(ReadOnlySpan<byte> source, string chunkName)
    {
        string text = NormalizeLineBreaks(System.Text.Encoding.Latin1.GetString(source));
        if (text.Length <= InlineSourceLimit && NestingEstimate(text) < 100) return CompileText(text, chunkName);
        Proto? result = null;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = CompileText(text, chunkName);
            }
            catch (Exception e)
            {
                error = e;
            }
        }, LargeStackBytes);
        thread.Start();
        thread.Join();
        if (error is LuaSyntaxException le) throw le;
        if (error is not null) throw LuaSyntaxException.FromLatin1($"{ChunkName.Format(chunkName)}: internal compiler error: {error.Message}");
        return result!;
    }

    /// <summary>
    /// Turns every line break ("\n", "\r", "\r\n", "\n\r") into "\n", as lua5.1's lexer counts
    /// them. Strings cannot tell the difference: long strings store "\n" for any line break, an
    /// escaped line break in a quoted string is "\n", and an unescaped one is an error either way.
    /// </summary>
    private static string NormalizeLineBreaks(string text)
    {
        if (text.IndexOf('\r') < 0) return text;
        var sb = new System.Text.StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c != '\n' && c != '\r')
            {
                sb.Append(c);
                continue;
            }
            sb.Append('\n');
            if (i + 1 < text.Length && (text[i + 1] == '\n' || text[i + 1] == '\r') && text[i + 1] != c) i++;
        }
        return sb.ToString();
    }

    /// <summary>
    /// Blanks out a first line that starts with '#' (a Unix "#!" line), keeping the newline so
    /// that line numbers stay right, as luaL_loadfile does. When a binary chunk follows the line,
    /// everything before its ESC byte goes, so "#!...\r\n" followed by a dumped chunk loads too.
    /// </summary>
    public static byte[] SkipShebangLine(ReadOnlySpan<byte> source)
    {
        var bytes = source.ToArray();
        if (bytes.Length == 0 || bytes[0] != (byte)'#') return bytes;
        int i = 0;
        while (i < bytes.Length && bytes[i] != (byte)'\n') i++;
        if (i + 1 < bytes.Length && bytes[i + 1] == BinaryChunk.Signature[0]) return bytes[(i + 1)..];
        return bytes[i..];
    }

    private static int NestingEstimate(string text)
    {
        int count = 0;
        foreach (char c in text)
            if (c is '(' or '{' or '[' or '^' or '-' or '#') count++;
        return count + CountWord(text, "..") + CountWord(text, "not") + CountWord(text, "function");
    }

    private static int CountWord(string text, string word)
    {
        int n = 0;
        for (int i = text.IndexOf(word, StringComparison.Ordinal); i >= 0; i = text.IndexOf(word, i + word.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    private static Proto CompileText(string text, string chunkName)
    {
        var lexer = new LuaLexer(new AntlrInputStream(text)) { ChunkName = chunkName };
        lexer.RemoveErrorListeners();
        var tokens = new CommonTokenStream(lexer);
        tokens.Fill();
        CheckNesting(tokens.GetTokens(), chunkName);
        var parser = new LuaParser(tokens) { BuildParseTree = true };
        parser.RemoveErrorListeners();
        LuaParser.ChunkContext tree;
        // Stage 1: SLL prediction, bail out at the first problem (fast, and enough for almost all code).
        parser.Interpreter.PredictionMode = PredictionMode.SLL;
        parser.ErrorHandler = new BailErrorStrategy();
        try
        {
            tree = parser.chunk();
        }
        catch (ParseCanceledException)
        {
            // Most likely a syntax error: find it the way lua5.1's parser does, for its message.
            SyntaxChecker.Check(tokens.GetTokens(), chunkName);
            // Stage 2 (SLL was not enough, or the checker saw no error): full LL.
            tokens.Seek(0);
            parser.Reset();
            parser.Interpreter.PredictionMode = PredictionMode.LL;
            parser.ErrorHandler = new DefaultErrorStrategy();
            parser.AddErrorListener(new SyntaxErrors(chunkName));
            tree = parser.chunk();
        }
        return new CodeGenerator(chunkName, tokens.GetTokens()).CompileMainChunk(tree);
    }

    /// <summary>Rejects absurd nesting before the recursive parser sees it.</summary>
    private static void CheckNesting(IList<IToken> tokens, string chunkName)
    {
        int depth = 0, run = 0;
        foreach (var t in tokens)
        {
            string s = t.Text;
            if (s is "(" or "{" or "[") depth++;
            else if (s is ")" or "}" or "]") depth--;
            if (s is ".." or "^" or "-" or "not" or "#") run++;
            else if (s is ";" or "local" or "end" or "=") run = 0;
            if (depth > MaxRawNesting || run > 50 * MaxRawNesting)
                throw CompilerLimits.TooManySyntaxLevels(ChunkName.Format(chunkName, ChunkName.SyntaxErrorIdSize), t.Line);
        }
    }
}
