using System.Runtime.InteropServices;
using LuaVm.Runtime;

namespace LuaModules.Lfs;

/// <summary>
/// strerror's text for an errno, as lua5.1 + lfs shows it: glibc's own message in the "C" locale
/// (lua.c never calls setlocale, so lfs's messages are never translated; asking for the C locale
/// explicitly keeps them so whatever locale the .NET runtime set).
/// </summary>
internal static unsafe class ErrorText
{
    private static readonly nint CLocale = NewCLocale();
    private static readonly LuaString?[] Cache = new LuaString?[256];

    private static nint NewCLocale()
    {
        ReadOnlySpan<byte> c = "C\0"u8;
        fixed (byte* name = c) return LibC.newlocale(LibC.LC_ALL_MASK, name, 0);
    }

    /// <summary>The errno of the last failed call.</summary>
    public static int LastErrno() => Marshal.GetLastPInvokeError();

    /// <summary>strerror(errno) as a Lua string.</summary>
    public static LuaString Of(int errno)
    {
        if ((uint)errno < (uint)Cache.Length && Cache[errno] is { } cached) return cached;
        LuaString text;
        byte* message = CLocale == 0 ? null : LibC.strerror_l(errno, CLocale);
        text = message is null
            ? LuaString.FromLatin1("Unknown error " + errno.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : LuaString.FromBytes(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(message));
        if ((uint)errno < (uint)Cache.Length) Cache[errno] = text;
        return text;
    }
}
