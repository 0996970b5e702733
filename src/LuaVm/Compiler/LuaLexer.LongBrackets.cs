using Antlr4.Runtime;
using LuaVm.Runtime;

namespace LuaVm.Syntax;

// The lexer actions named in grammar/Lua.g4. ANTLR generates LuaLexer as a partial class, so
// the parts that a regular grammar cannot express live here: long brackets whose closing level
// must equal the opening one, and comments (which may be long brackets too).
public partial class LuaLexer
{
    /// <summary>Chunk name for error messages ("@file.lua", "=stdin", or the source itself).</summary>
    public string ChunkName { get; set; } = "?";

    private int Peek(int k) => InputStream.LA(k);

    private void Advance() => Interpreter.Consume((ICharStream)InputStream);

    /// <summary>
    /// Called after "[" "="* "[" has been matched: reads up to the closing bracket of the same
    /// level. The token text then spans the whole long string.
    /// </summary>
    private void ReadLongBracket(bool isComment)
    {
        string open = Text;
        int level = open.Length - 2;
        ReadLongBracketBody(level, isComment);
    }

    private void ReadLongBracketBody(int level, bool isComment)
    {
        while (true)
        {
            int c = Peek(1);
            if (c == IntStreamConstants.EOF)
                throw Error(isComment ? "unfinished long comment" : "unfinished long string", "<eof>");
            Advance();
            if (c != ']') continue;
            int k = 1;
            while (Peek(k) == '=') k++;
            if (k - 1 == level && Peek(k) == ']')
            {
                for (int i = 0; i < k; i++) Advance();
                return;
            }
        }
    }

    private void InvalidLongBracket() => throw Error("invalid long string delimiter", Text);

    /// <summary>Called after "--": a long comment if a long bracket follows, else up to the end of the line.</summary>
    private void ReadComment()
    {
        if (Peek(1) == '[')
        {
            int k = 2;
            while (Peek(k) == '=') k++;
            if (Peek(k) == '[')
            {
                for (int i = 0; i < k; i++) Advance();
                ReadLongBracketBody(k - 2, isComment: true);
                return;
            }
        }
        while (Peek(1) != IntStreamConstants.EOF && Peek(1) != '\n' && Peek(1) != '\r') Advance();
    }

    private LuaSyntaxException Error(string message, string near) =>
        LuaSyntaxException.FromLatin1($"{Runtime.ChunkName.Format(ChunkName, Runtime.ChunkName.SyntaxErrorIdSize)}:{Interpreter.Line}: {message} near '{near}'");
}
