using LuaVm.Runtime;
using LuaVm.Vm;

namespace LuaModules.Lfs;

/// <summary>lfs.attributes and lfs.symlinkattributes: stat/lstat as a table, or one attribute.</summary>
internal static unsafe class Attributes
{
    private static readonly LuaString Target = LuaString.Shared("target");

    /// <summary>lfs.attributes(path [, name | table]).</summary>
    public static int Get(CallContext call) => Describe(call, followLinks: true);

    /// <summary>lfs.symlinkattributes(path [, name | table]): lstat, and the link's target.</summary>
    public static int SymlinkAttributes(CallContext call)
    {
        var request = call[2];
        if ((request.IsString || request.IsNumber) && CString.Visible(request.ToLuaStringCoerced()!).SequenceEqual("target"u8))
        {
            // the target alone comes from readlink, without lstat
            var target = ReadLink(call.CheckString(1), out int errno);
            return target is null ? Results.Failure(call, "could not obtain link target"u8, errno) : call.Return(target);
        }
        return Describe(call, followLinks: false);
    }

    private static int Describe(CallContext call, bool followLinks)
    {
        var path = call.CheckString(1);
        FileStatus status;
        bool found;
        Span<byte> stack = stackalloc byte[CString.StackSize];
        fixed (byte* p = CString.Terminated(path, stack)) found = FileStatus.TryGet(p, followLinks, out status);
        if (!found)
        {
            int errno = ErrorText.LastErrno();
            var message = CString.Concat("cannot obtain information from file '"u8, CString.Visible(path), "': "u8, ErrorText.Of(errno).Span);
            return call.Return(LuaValue.Nil, message, errno);
        }

        var request = call[2];
        if (request.IsString || request.IsNumber)
        {
            var name = CString.Visible(request.ToLuaStringCoerced()!);
            int index = FileStatus.IndexOf(name);
            if (index < 0) throw call.ErrorLatin1("invalid attribute name '" + System.Text.Encoding.Latin1.GetString(name) + "'");
            return call.Return(status.Value(index));
        }

        // the given table is filled (raw sets), anything else gives a new one
        var table = request.Obj as LuaTable ?? new LuaTable(0, 16);
        for (int i = 0; i < FileStatus.Names.Length; i++) table.SetStr(FileStatus.Names[i], status.Value(i));
        if (!followLinks && ReadLink(path, out _) is { } target)
            Metamethods.SetIndex(call.Thread, new LuaValue(table), new LuaValue(Target), new LuaValue(target), -1); // lua_setfield: __newindex applies
        return call.Return(table);
    }

    /// <summary>What the symbolic link at <paramref name="path"/> points to (readlink), or null with the errno.</summary>
    public static LuaString? ReadLink(LuaString path, out int errno)
    {
        Span<byte> stack = stackalloc byte[CString.StackSize];
        var cpath = CString.Terminated(path, stack);
        fixed (byte* p = cpath)
        {
            for (int size = 256; ; size *= 2)
            {
                var buffer = new byte[size];
                nint length;
                fixed (byte* b = buffer) length = LibC.readlink(p, b, size);
                if (length < 0)
                {
                    errno = ErrorText.LastErrno();
                    return null;
                }
                if (length < size)
                {
                    errno = 0;
                    return LuaString.FromBytes(buffer.AsSpan(0, (int)length));
                }
                // the target may have been cut short: try again with room for more (within reason)
                if (size >= LibC.MaxPathBuffer)
                {
                    errno = LibC.ENAMETOOLONG;
                    return null;
                }
            }
        }
    }
}
