using System.Runtime.InteropServices;
using LuaVm;
using LuaVm.Runtime;

namespace LuaModules.Lfs;

/// <summary>
/// lfs.dir's directory object: an open DIR* read with readdir, closed when the entries run out,
/// by close(), or (if the program drops it first) when .NET releases the handle.
/// </summary>
internal sealed unsafe class DirectoryIterator
{
    /// <summary>The name lfs gives the metatable (luaL_checkudata's "... expected" names it).</summary>
    public const string MetatableName = "directory metatable";

    private SafeDirectoryHandle? _handle;

    private DirectoryIterator(SafeDirectoryHandle handle) => _handle = handle;

    /// <summary>The methods and metatable of directory objects, made once per state.</summary>
    public sealed class Kind
    {
        public readonly LuaTable Metatable;

        public Kind(LuaState state)
        {
            var next = state.CreateFunction("next", NextFunction);
            var close = state.CreateFunction("close", Close);
            var methods = new LuaTable(0, 2);
            methods.Set("next", next);
            methods.Set("close", close);
            Metatable = state.Registry.Get(MetatableName).Obj as LuaTable ?? new LuaTable(0, 2);
            Metatable.Set("__index", methods);
            Metatable.Set("__gc", close);
            state.Registry.Set(MetatableName, Metatable);
        }

        /// <summary>lfs.dir(path): the iterator function (a new function value each time, as lfs pushes one) and the directory object.</summary>
        public int Open(CallContext call)
        {
            var path = call.CheckString(1);
            Span<byte> stack = stackalloc byte[CString.StackSize];
            var cpath = CString.Terminated(path, stack);
            var handle = OpenDirectory(cpath, out int errno);
            if (handle is null && errno is LibC.EMFILE or LibC.ENFILE)
            {
                // Lua's collector would have closed the directories the program dropped by now;
                // .NET's runs by its own measure, so make it release them, then try again
                GC.Collect();
                GC.WaitForPendingFinalizers();
                handle = OpenDirectory(cpath, out errno);
            }
            if (handle is null) throw call.ErrorLatin1("cannot open " + Latin1(CString.Visible(path)) + ": " + ErrorText.Of(errno).ToLatin1String());
            var dir = new LuaUserdata(new DirectoryIterator(handle), Metatable);
            return call.Return(call.State.CreateFunction("next", NextFunction), new LuaValue(dir));
        }

        private static SafeDirectoryHandle? OpenDirectory(Span<byte> path, out int errno)
        {
            SafeDirectoryHandle handle;
            fixed (byte* p = path) handle = LibC.opendir(p);
            errno = handle.IsInvalid ? ErrorText.LastErrno() : 0;
            if (!handle.IsInvalid)
            {
                handle.AddMemoryPressure();
                return handle;
            }
            handle.Dispose();
            return null;
        }
    }

    private static readonly LuaNativeFunction NextFunction = NextEntry;

    private static string Latin1(ReadOnlySpan<byte> bytes) => System.Text.Encoding.Latin1.GetString(bytes);

    /// <summary>dir:next() (and the iterator): the next entry's name; nothing, and the directory closed, at the end.</summary>
    private static int NextEntry(CallContext call)
    {
        var dir = call.CheckUserdata<DirectoryIterator>(1, MetatableName);
        var handle = dir._handle;
        if (handle is null) throw call.ArgError(1, "closed directory");
        byte* entry = LibC.readdir(handle);
        if (entry is null)
        {
            // the end (or a read error, which lfs does not tell apart)
            dir.Release();
            return 0;
        }
        return call.Return(LuaString.FromBytes(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(entry + LibC.DirentNameOffset)));
    }

    /// <summary>
    /// dir:close() (and __gc): closes the directory; again is harmless. lfs takes any userdata
    /// here unchecked (and crashes on other values): this checks it is a directory object.
    /// </summary>
    private static int Close(CallContext call)
    {
        call.CheckUserdata<DirectoryIterator>(1, MetatableName).Release();
        return 0;
    }

    private void Release()
    {
        _handle?.Dispose();
        _handle = null;
    }
}
