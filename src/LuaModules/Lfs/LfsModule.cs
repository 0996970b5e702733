// LuaFileSystem 1.8.0, written here in C#.
// Documentation of the original: "LuaFileSystem - Reference", https://lunarmodules.github.io/luafilesystem/manual.html
// (the project: https://github.com/lunarmodules/luafilesystem, release 1.8.0, as Debian's lua-filesystem ships it).
using LuaVm.Runtime;
using LuaVm.Vm;

namespace LuaModules.Lfs;

/// <summary>
/// The module <c>lfs</c> (luaopen_lfs): the file-system functions the standard library lacks.
/// Linux only (it calls glibc directly); docs/compatibility.md lists what differs from the C module.
/// </summary>
internal static class LfsModule
{
    /// <summary>require "lfs": the module table, also stored in the global <c>lfs</c> as LuaFileSystem does.</summary>
    public static int Open(CallContext call)
    {
        if (!OperatingSystem.IsLinux()) throw call.Error("module 'lfs' is available on Linux only in this build");
        var state = call.State;
        var directories = new DirectoryIterator.Kind(state);
        var locks = new DirectoryLock.Kind(state);
        var lfs = state.CreateTable(
            ("attributes", Attributes.Get),
            ("chdir", FileSystemCalls.ChangeDirectory),
            ("currentdir", FileSystemCalls.CurrentDirectory),
            ("dir", directories.Open),
            ("link", FileSystemCalls.Link),
            ("lock", FileLocks.Lock),
            ("mkdir", FileSystemCalls.MakeDirectory),
            ("rmdir", FileSystemCalls.RemoveDirectory),
            ("symlinkattributes", Attributes.SymlinkAttributes),
            ("setmode", FileLocks.SetMode),
            ("touch", FileSystemCalls.Touch),
            ("unlock", FileLocks.Unlock),
            ("lock_dir", locks.Open));
        // lua_setglobal: an assignment, so a __newindex on _G (strict.lua) sees it
        Metamethods.SetIndex(call.Thread, new LuaValue(state.Globals), new LuaValue(LuaString.Shared("lfs")), new LuaValue(lfs), -1);
        lfs.Set("_COPYRIGHT", "Copyright (C) 2003-2017 Kepler Project");
        lfs.Set("_DESCRIPTION", "LuaFileSystem is a Lua library developed to complement the set of functions related to file systems offered by the standard Lua distribution");
        lfs.Set("_VERSION", "LuaFileSystem 1.8.0");
        return call.Return(lfs);
    }
}
