using LuaVm.Runtime;

namespace LuaVm.Compiler;

/// <summary>Turns the text of a string token into the bytes of the string (llex.c's read_string / read_long_string).</summary>
internal static class StringLiteral
{
    /// <summary>
    /// Decodes a quoted string token, processing escapes. The text is Latin-1 (one char per byte).
    /// <paramref name="error"/> gets the message and the "near" text lua5.1 shows: what llex.c had
    /// read into its buffer when it stopped (the quote and the string decoded so far).
    /// </summary>
    public static LuaString DecodeQuoted(string text, Func<string, string, Exception> error)
    {
        var bytes = new List<byte>(text.Length);
        int end = text.Length - 1; // closing quote
        for (int i = 1; i < end; i++)
        {
            char c = text[i];
            if (c != '\\')
            {
                bytes.Add((byte)c);
                continue;
            }
            char e = text[++i];
            switch (e)
            {
                case 'a': bytes.Add(7); break;
                case 'b': bytes.Add(8); break;
                case 'f': bytes.Add(12); break;
                case 'n': bytes.Add(10); break;
                case 'r': bytes.Add(13); break;
                case 't': bytes.Add(9); break;
                case 'v': bytes.Add(11); break;
                case '\n':
                case '\r':
                    bytes.Add(10);
                    // a "\r\n" or "\n\r" pair is one line break
                    if (i + 1 < end && (text[i + 1] == '\n' || text[i + 1] == '\r') && text[i + 1] != e) i++;
                    break;
                default:
                    if (e >= '0' && e <= '9')
                    {
                        int value = 0, digits = 0;
                        while (digits < 3 && i < end && text[i] >= '0' && text[i] <= '9')
                        {
                            value = value * 10 + (text[i] - '0');
                            i++;
                            digits++;
                        }
                        i--;
                        if (value > 255) throw error("escape sequence too large", text[0] + System.Text.Encoding.Latin1.GetString(bytes.ToArray()));
                        bytes.Add((byte)value);
                    }
                    else
                    {
                        bytes.Add((byte)e); // \\, \", \' and any other character stand for themselves
                    }
                    break;
            }
        }
        return new LuaString(bytes.ToArray());
    }

    /// <summary>Decodes a long string token [==[ ... ]==]: no escapes; a first newline is skipped.</summary>
    public static LuaString DecodeLong(string text)
    {
        int level = 0;
        while (text[1 + level] == '=') level++;
        int start = level + 2, end = text.Length - (level + 2);
        if (start < end && (text[start] == '\r' || text[start] == '\n'))
        {
            char first = text[start];
            start++;
            if (start < end && (text[start] == '\r' || text[start] == '\n') && text[start] != first) start++;
        }
        var bytes = new List<byte>(Math.Max(0, end - start));
        for (int i = start; i < end; i++)
        {
            char c = text[i];
            if (c == '\r' || c == '\n')
            {
                // any line break ("\n", "\r", "\r\n", "\n\r") is stored as "\n", as lua5.1 does
                bytes.Add(10);
                if (i + 1 < end && (text[i + 1] == '\r' || text[i + 1] == '\n') && text[i + 1] != c) i++;
            }
            else bytes.Add((byte)c);
        }
        return new LuaString(bytes.ToArray());
    }
}
