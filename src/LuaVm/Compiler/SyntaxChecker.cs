using Antlr4.Runtime;
using LuaVm.Runtime;
using LuaVm.Syntax;

namespace LuaVm.Compiler;

/// <summary>
/// Finds the first syntax error of a chunk the way lua5.1's recursive-descent parser (lparser.c)
/// meets it, so that the message is lua5.1's own: "'=' expected near 'x'", "'end' expected (to
/// close 'function' at line 3) near '&lt;eof&gt;'", "unexpected symbol near '+'". It only runs
/// after the ANTLR parser has rejected the chunk, over the same tokens; it builds nothing.
/// </summary>
internal sealed class SyntaxChecker
{
    private readonly IList<IToken> _tokens;
    private readonly string _chunk;
    private int _pos;
    private int _lastLine = 1;
    /// <summary>Enclosing loops of the current function ("no loop to break" is raised while parsing, in lua5.1).</summary>
    private int _loops;

    /// <summary>
    /// lparser.c's nesting count (L->nCcalls): chunk and subexpr each enter a level, and more
    /// than <see cref="CompilerLimits.MaxSyntaxLevels"/> is "chunk has too many syntax levels".
    /// </summary>
    private int _level = CompilerLimits.BaseSyntaxLevel;

    /// <summary>A function being checked: its active locals and upvalues, for lparser.c's limits.</summary>
    private sealed class FunctionScope(FunctionScope? parent, int lineDefined)
    {
        public readonly FunctionScope? Parent = parent;
        public readonly int LineDefined = lineDefined;
        public readonly List<string> Actives = [];
        public readonly List<string> UpValues = [];
    }

    private FunctionScope _fs = new(null, 0);

    /// <summary>Declares a local (active at once, or later by the caller); checks the limit of locals.</summary>
    private void DeclareLocal(List<string> pending, string name)
    {
        if (_fs.Actives.Count + pending.Count + 1 > CompilerLimits.MaxLocals) throw CompilerLimits.TooManyLocals(_chunk, Current.Line, _fs.LineDefined);
        pending.Add(name);
    }

    private string TakeName()
    {
        if (!IsName) throw Error("'<name>' expected");
        string name = Current.Text;
        Next();
        return name;
    }

    /// <summary>singlevaraux: a name used as a variable becomes an upvalue of each function between its use and its local.</summary>
    private static bool Resolve(FunctionScope? fs, string name, Func<FunctionScope, LuaSyntaxException> tooMany)
    {
        if (fs is null) return false; // a global
        if (fs.Actives.LastIndexOf(name) >= 0 || fs.UpValues.Contains(name)) return true;
        if (!Resolve(fs.Parent, name, tooMany)) return false;
        if (fs.UpValues.Count + 1 > CompilerLimits.MaxUpvalues) throw tooMany(fs);
        fs.UpValues.Add(name);
        return true;
    }

    private void EnterLevel()
    {
        if (++_level > CompilerLimits.MaxSyntaxLevels) throw CompilerLimits.TooManySyntaxLevels(_chunk, Current.Line);
    }

    private SyntaxChecker(IList<IToken> tokens, string chunkName)
    {
        _tokens = tokens;
        _chunk = ChunkName.Format(chunkName, ChunkName.SyntaxErrorIdSize);
    }

    /// <summary>Throws lua5.1's error for the first syntax error in the tokens; returns if it finds none.</summary>
    public static void Check(IList<IToken> tokens, string chunkName)
    {
        var checker = new SyntaxChecker(tokens, chunkName);
        checker.CheckToken(checker.Current);
        checker.Chunk();
        if (checker.Text != "<eof>") throw checker.Error("'<eof>' expected");
    }

    // ---- tokens ----

    private IToken Current => _tokens[Math.Min(_pos, _tokens.Count - 1)];

    private string Text => Current.Type == TokenConstants.EOF ? "<eof>" : Current.Text;

    private bool Is(string text) => Current.Type != TokenConstants.EOF && Current.Text == text && !IsLiteral(Current);

    private static bool IsLiteral(IToken t) => t.Type is LuaLexer.NAME or LuaLexer.NUMBER or LuaLexer.NORMALSTRING
        or LuaLexer.CHARSTRING or LuaLexer.LONGSTRING;

    private bool IsName => Current.Type == LuaLexer.NAME && !Keywords.Contains(Current.Text);

    private bool IsString => Current.Type is LuaLexer.NORMALSTRING or LuaLexer.CHARSTRING or LuaLexer.LONGSTRING;

    private static readonly HashSet<string> Keywords =
    [
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "if", "in",
        "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
    ];

    private void Next()
    {
        _lastLine = Current.Line;
        if (_pos < _tokens.Count - 1) _pos++;
        CheckToken(Current);
    }

    /// <summary>Errors lua5.1's lexer raises when it reads a token.</summary>
    private void CheckToken(IToken t)
    {
        if (t.Type == LuaLexer.UNFINISHED_STRING)
        {
            bool atEof = t.StopIndex + 1 >= t.InputStream.Size;
            throw LuaSyntaxException.FromLatin1($"{_chunk}:{t.Line}: unfinished string near '{(atEof ? "<eof>" : t.Text)}'");
        }
        if (t.Type == LuaLexer.NUMBER && !NumberFormat.TryParse(LuaString.FromLatin1(t.Text).Span, out _))
            throw LuaSyntaxException.FromLatin1($"{_chunk}:{t.Line}: malformed number near '{t.Text}'");
    }

    private LuaSyntaxException Error(string message) => LuaSyntaxException.FromLatin1($"{_chunk}:{Current.Line}: {message}{SyntaxErrors.Near(Current, Text)}");

    private bool TestNext(string text)
    {
        if (!Is(text)) return false;
        Next();
        return true;
    }

    private void CheckNext(string text)
    {
        if (!Is(text)) throw Error($"'{text}' expected");
        Next();
    }

    private void CheckMatch(string what, string who, int line)
    {
        if (TestNext(what)) return;
        if (line == Current.Line) throw Error($"'{what}' expected");
        throw Error($"'{what}' expected (to close '{who}' at line {line})");
    }

    private void CheckName()
    {
        if (!IsName) throw Error("'<name>' expected");
        Next();
    }

    private bool BlockFollow => Current.Type == TokenConstants.EOF || Is("else") || Is("elseif") || Is("end") || Is("until");

    // ---- statements ----

    private void Chunk() => Chunk(closeScope: true);

    /// <summary>A block; its locals go out of scope at its end (repeat keeps them for "until").</summary>
    private void Chunk(bool closeScope)
    {
        EnterLevel();
        int mark = _fs.Actives.Count;
        bool isLast = false;
        while (!isLast && !BlockFollow)
        {
            isLast = Statement();
            TestNext(";");
        }
        if (closeScope) _fs.Actives.RemoveRange(mark, _fs.Actives.Count - mark);
        _level--;
    }

    private bool Statement()
    {
        int line = Current.Line;
        switch (Current.Type == TokenConstants.EOF || IsLiteral(Current) ? "" : Current.Text)
        {
            case "if":
                IfStat(line);
                return false;
            case "while":
                Next();
                Expr();
                CheckNext("do");
                Loop(Chunk);
                CheckMatch("end", "while", line);
                return false;
            case "do":
                Next();
                Chunk();
                CheckMatch("end", "do", line);
                return false;
            case "for":
                ForStat(line);
                return false;
            case "repeat":
            {
                Next();
                int mark = _fs.Actives.Count;
                Loop(() => Chunk(closeScope: false));
                CheckMatch("until", "repeat", line);
                Expr();
                _fs.Actives.RemoveRange(mark, _fs.Actives.Count - mark);
                return false;
            }
            case "function":
            {
                Next();
                string name = Current.Text;
                CheckName();
                Resolve(_fs, name, fs => CompilerLimits.TooManyUpvalues(_chunk, Current.Line, fs.LineDefined));
                while (TestNext(".")) CheckName();
                bool method = TestNext(":");
                if (method) CheckName();
                Body(line, method);
                return false;
            }
            case "local":
                Next();
                if (TestNext("function"))
                {
                    var self = new List<string>();
                    DeclareLocal(self, TakeName());
                    _fs.Actives.AddRange(self); // visible in its own body
                    Body(line);
                }
                else
                {
                    var names = new List<string>();
                    do DeclareLocal(names, TakeName()); while (TestNext(","));
                    if (TestNext("=")) ExprList();
                    _fs.Actives.AddRange(names); // active after the expressions
                }
                return false;
            case "return":
                Next();
                if (!BlockFollow && !Is(";")) ExprList();
                return true;
            case "break":
                Next();
                if (_loops == 0) throw Error("no loop to break");
                return true;
            default:
                ExprStat();
                return false;
        }
    }

    private void Loop(Action body)
    {
        _loops++;
        body();
        _loops--;
    }

    private void IfStat(int line)
    {
        Next();
        Expr();
        CheckNext("then");
        Chunk();
        while (Is("elseif"))
        {
            Next();
            Expr();
            CheckNext("then");
            Chunk();
        }
        if (TestNext("else")) Chunk();
        CheckMatch("end", "if", line);
    }

    private void ForStat(int line)
    {
        Next();
        int mark = _fs.Actives.Count;
        var names = new List<string>();
        string first = TakeName();
        if (Is("="))
        {
            Next();
            Expr();
            CheckNext(",");
            Expr();
            if (TestNext(",")) Expr();
            foreach (string hidden in new[] { "(for index)", "(for limit)", "(for step)" }) DeclareLocal(names, hidden);
            DeclareLocal(names, first);
        }
        else if (Is(",") || Is("in"))
        {
            foreach (string hidden in new[] { "(for generator)", "(for state)", "(for control)" }) DeclareLocal(names, hidden);
            DeclareLocal(names, first);
            while (TestNext(",")) DeclareLocal(names, TakeName());
            CheckNext("in");
            ExprList();
        }
        else throw Error("'=' or 'in' expected");
        _fs.Actives.AddRange(names);
        CheckNext("do");
        Loop(Chunk);
        _fs.Actives.RemoveRange(mark, _fs.Actives.Count - mark);
        CheckMatch("end", "for", line);
    }

    private void ExprStat()
    {
        var kind = SuffixedExp();
        if (kind == ExpShape.Call) return;
        while (true)
        {
            if (kind != ExpShape.Variable) throw Error("syntax error");
            if (!TestNext(",")) break;
            kind = SuffixedExp();
        }
        CheckNext("=");
        ExprList();
    }

    private void Body(int line, bool method = false)
    {
        var outer = _fs;
        _fs = new FunctionScope(outer, line);
        var parameters = new List<string>();
        if (method) DeclareLocal(parameters, "self");
        CheckNext("(");
        if (!Is(")"))
        {
            bool vararg = false;
            do
            {
                if (IsName) DeclareLocal(parameters, TakeName());
                else if (Is("..."))
                {
                    Next();
                    vararg = true;
                }
                else throw Error("<name> or '...' expected");
            } while (!vararg && TestNext(","));
        }
        CheckNext(")");
        _fs.Actives.AddRange(parameters);
        int outerLoops = _loops;
        _loops = 0; // a function body starts outside any loop
        Chunk();
        _loops = outerLoops;
        CheckMatch("end", "function", line);
        _fs = outer;
    }

    // ---- expressions ----

    private enum ExpShape { Variable, Call, Other }

    private void ExprList()
    {
        Expr();
        while (TestNext(",")) Expr();
    }

    private ExpShape PrimaryExp()
    {
        if (IsName)
        {
            string name = Current.Text;
            Next();
            Resolve(_fs, name, fs => CompilerLimits.TooManyUpvalues(_chunk, Current.Line, fs.LineDefined));
            return ExpShape.Variable;
        }
        if (Is("("))
        {
            int line = Current.Line;
            Next();
            Expr();
            CheckMatch(")", "(", line);
            return ExpShape.Other;
        }
        throw Error("unexpected symbol");
    }

    private ExpShape SuffixedExp()
    {
        var shape = PrimaryExp();
        while (true)
        {
            if (TestNext("."))
            {
                CheckName();
                shape = ExpShape.Variable;
            }
            else if (Is("["))
            {
                Next();
                Expr();
                CheckNext("]");
                shape = ExpShape.Variable;
            }
            else if (TestNext(":"))
            {
                CheckName();
                FuncArgs();
                shape = ExpShape.Call;
            }
            else if (Is("(") || Is("{") || IsString)
            {
                FuncArgs();
                shape = ExpShape.Call;
            }
            else return shape;
        }
    }

    private void FuncArgs()
    {
        int line = Current.Line;
        if (Is("("))
        {
            if (line != _lastLine) throw Error("ambiguous syntax (function call x new statement)");
            Next();
            if (!Is(")")) ExprList();
            CheckMatch(")", "(", line);
        }
        else if (Is("{")) Constructor();
        else if (IsString) Next();
        else throw Error("function arguments expected");
    }

    private void Constructor()
    {
        int line = Current.Line;
        CheckNext("{");
        do
        {
            if (Is("}")) break;
            if (IsName && _pos + 1 < _tokens.Count && _tokens[_pos + 1].Text == "=" && !IsLiteral(_tokens[_pos + 1]))
            {
                Next();
                CheckNext("=");
                Expr();
            }
            else if (Is("["))
            {
                Next();
                Expr();
                CheckNext("]");
                CheckNext("=");
                Expr();
            }
            else Expr();
        } while (TestNext(",") || TestNext(";"));
        CheckMatch("}", "{", line);
    }

    private void SimpleExp()
    {
        if (Current.Type == LuaLexer.NUMBER || IsString || Is("nil") || Is("true") || Is("false") || Is("..."))
        {
            Next();
            return;
        }
        if (Is("{"))
        {
            Constructor();
            return;
        }
        if (Is("function"))
        {
            int line = Current.Line;
            Next();
            Body(line);
            return;
        }
        SuffixedExp();
    }

    private static int LeftPriority(string op) => op switch
    {
        "or" => 1, "and" => 2, "<" or ">" or "<=" or ">=" or "~=" or "==" => 3, ".." => 5,
        "+" or "-" => 6, "*" or "/" or "%" => 7, "^" => 10, _ => -1,
    };

    private static int RightPriority(string op) => op switch
    {
        ".." => 4, "^" => 9, _ => LeftPriority(op),
    };

    private void Expr() => SubExpr(0);

    private void SubExpr(int limit)
    {
        EnterLevel();
        SubExprBody(limit);
        _level--;
    }

    private void SubExprBody(int limit)
    {
        if (Is("not") || Is("-") || Is("#"))
        {
            Next();
            SubExpr(8);
        }
        else SimpleExp();
        while (Current.Type != TokenConstants.EOF && !IsLiteral(Current) && LeftPriority(Current.Text) > limit)
        {
            string op = Current.Text;
            Next();
            SubExpr(RightPriority(op));
        }
    }
}
