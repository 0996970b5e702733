using LuaVm.Runtime;

namespace LuaModules.Lpeg;

/// <summary>
/// lpeg.locale: the character classes of the C library's ctype functions. Kraken runs Lua in the
/// "C" locale (os.setlocale changes nothing else), so the classes are the ASCII ones.
/// </summary>
internal static class Locale
{
    private static readonly (string Name, Func<int, bool> Test)[] Classes =
    [
        ("alnum", c => IsAlpha(c) || IsDigit(c)),
        ("alpha", IsAlpha),
        ("cntrl", c => c < 32 || c == 127),
        ("digit", IsDigit),
        ("graph", c => c > 32 && c < 127),
        ("lower", c => c >= 'a' && c <= 'z'),
        ("print", c => c >= 32 && c < 127),
        ("punct", c => c > 32 && c < 127 && !IsAlpha(c) && !IsDigit(c)),
        ("space", c => c == ' ' || (c >= '\t' && c <= '\r')),
        ("upper", c => c >= 'A' && c <= 'Z'),
        ("xdigit", c => IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')),
    ];

    private static bool IsAlpha(int c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    private static bool IsDigit(int c) => c >= '0' && c <= '9';

    public static void Fill(LuaTable t, Func<Charset, LuaUserdata> make)
    {
        foreach (var (name, test) in Classes)
        {
            var s = new Charset();
            for (int c = 0; c < 256; c++)
                if (test(c)) s.Add(c);
            t.Set(name, new LuaValue(make(s)));
        }
    }
}
