using System.Text;

namespace LuaVm.Library.Io;

/// <summary>
/// The boundary between Lua strings and the operating system's: file names, shell commands,
/// environment variable names. The libraries carry a Lua string's bytes in a .NET string one
/// char per byte (Latin-1), so that messages echo them exactly; .NET, for its part, encodes every
/// string it hands to the OS as UTF-8. A byte string is therefore decoded as UTF-8 on its way out
/// (a name that is UTF-8 text, as Linux file names are, reaches the OS as the very bytes the Lua
/// program gave, as with lua5.1), and a name from the OS becomes the byte string of its UTF-8
/// encoding on its way in. Bytes that are not UTF-8 cannot cross .NET's file API unchanged.
/// </summary>
internal static class OsStrings
{
    /// <summary>The .NET string that .NET's OS calls turn back into <paramref name="bytes"/>' bytes.</summary>
    public static string ToOs(string bytes) => Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(bytes));

    /// <summary>The byte string (one char per byte) of a .NET string's UTF-8 encoding.</summary>
    public static string FromOs(string text) => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(text));
}
