namespace LuaVm.Runtime;

/// <summary>How a chunk's name appears in messages (luaO_chunkid).</summary>
public static class ChunkName
{
    /// <summary>Maximum length of a chunk id in messages (LUA_IDSIZE).</summary>
    public const int IdSize = 60;

    /// <summary>The longer id lua5.1 allows in lexer and parser errors (llex.c's MAXSRC).</summary>
    public const int SyntaxErrorIdSize = 80;

    /// <summary>
    /// "=name" gives "name"; "@file" gives "file" (shortened from the left with "..."); any other
    /// source gives [string "first line..."].
    /// </summary>
    public static string Format(string source, int idSize = IdSize)
    {
        int nul = source.IndexOf('\0');
        if (nul >= 0) source = source[..nul]; // luaO_chunkid reads the source name as a C string
        if (source.StartsWith('='))
        {
            string s = source[1..];
            return s.Length > idSize - 1 ? s[..(idSize - 1)] : s;
        }
        if (source.StartsWith('@'))
        {
            string s = source[1..];
            int max = idSize - 8; // bufflen -= sizeof(" '...' ")
            return s.Length > max ? "..." + s[(s.Length - max)..] : s;
        }
        int len = idSize - 17; // bufflen -= sizeof(" [string \"...\"] ")
        int nl = source.IndexOfAny(['\n', '\r']);
        string first = nl >= 0 ? source[..nl] : source;
        if (nl >= 0 || first.Length > len)
        {
            if (first.Length > len) first = first[..len];
            return "[string \"" + first + "...\"]";
        }
        return "[string \"" + first + "\"]";
    }
}
