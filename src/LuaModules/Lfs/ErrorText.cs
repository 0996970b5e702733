using System.Runtime.InteropServices;
using LuaVm.Runtime;

namespace LuaModules.Lfs;

/// <summary>
/// strerror's text for an errno as a Lua string (the io library's <see cref="LuaVm.Library.Io.OsError"/>:
/// glibc's message in the "C" locale, as lua5.1 + lfs shows it), made once per errno.
/// </summary>
internal static class ErrorText
{
    private static readonly LuaString?[] Cache = new LuaString?[256];

    /// <summary>The errno of the last failed call.</summary>
    public static int LastErrno() => Marshal.GetLastPInvokeError();

    /// <summary>strerror(errno) as a Lua string.</summary>
    public static LuaString Of(int errno)
    {
        if ((uint)errno < (uint)Cache.Length && Cache[errno] is { } cached) return cached;
        var text = LuaString.FromLatin1(LuaVm.Library.Io.OsError.Text(errno));
        if ((uint)errno < (uint)Cache.Length) Cache[errno] = text;
        return text;
    }
}
