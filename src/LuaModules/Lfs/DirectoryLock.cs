using LuaVm;
using LuaVm.Runtime;

namespace LuaModules.Lfs;

/// <summary>
/// lfs.lock_dir(path): the lock is a symbolic link "path/lockfile.lfs" pointing at "lock", which
/// only one process can create; lock:free() (or the lock's collection, or the state's close)
/// removes it.
/// </summary>
internal sealed unsafe class DirectoryLock
{
    /// <summary>The name lfs gives the metatable (luaL_checkudata's "... expected" names it).</summary>
    public const string MetatableName = "lock metatable";

    /// <summary>The NUL-terminated path of the link; null once freed.</summary>
    private byte[]? _linkPath;

    private DirectoryLock(byte[] linkPath) => _linkPath = linkPath;

    /// <summary>The metatable of lock objects, made once per state.</summary>
    public sealed class Kind
    {
        private readonly LuaTable _metatable;

        public Kind(LuaState state)
        {
            var free = state.CreateFunction("free", Free);
            var methods = new LuaTable(0, 1);
            methods.Set("free", free);
            _metatable = state.Registry.Get(MetatableName).Obj as LuaTable ?? new LuaTable(0, 2);
            _metatable.Set("__index", methods);
            _metatable.Set("__gc", free);
            state.Registry.Set(MetatableName, _metatable);
        }

        /// <summary>lfs.lock_dir(path): the lock object, or nil and the message (no errno, as lfs).</summary>
        public int Open(CallContext call)
        {
            var path = call.CheckString(1);
            var linkPath = CString.Terminated(CString.Concat(CString.Visible(path), "/lockfile.lfs"u8).Span, default).ToArray();
            int result;
            fixed (byte* target = "lock\0"u8)
            fixed (byte* link = linkPath)
                result = LibC.symlink(target, link);
            if (result == -1) return call.Return(LuaValue.Nil, ErrorText.Of(ErrorText.LastErrno()));
            var lockObject = new LuaUserdata(new DirectoryLock(linkPath), _metatable);
            // as lfs's __gc: a lock the program drops is freed when collected, or when the state closes
            call.State.Gc.TrackFinalizable(call.State, lockObject);
            return call.Return(new LuaValue(lockObject));
        }
    }

    /// <summary>lock:free() (and __gc): removes the link; again is harmless.</summary>
    private static int Free(CallContext call)
    {
        var lockObject = call.CheckUserdata<DirectoryLock>(1, MetatableName);
        if (lockObject._linkPath is { } linkPath)
        {
            fixed (byte* link = linkPath) LibC.unlink(link);
            lockObject._linkPath = null;
        }
        return 0;
    }
}
