using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace LuaModules.Lfs;

/// <summary>
/// The glibc calls lfs makes (Linux; the struct layouts below are those of the 64-bit ABIs). Every
/// call that can fail sets the last P/Invoke error, which is C's errno. Paths are NUL-terminated
/// byte strings, as Lua strings reach C (see <see cref="CString"/>).
/// </summary>
internal static unsafe partial class LibC
{
    public const int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100;
    /// <summary>STATX_BASIC_STATS: every field struct stat has.</summary>
    public const uint STATX_BASIC_STATS = 0x7ff;
    public const int F_SETLK = 6;
    public const short F_RDLCK = 0, F_WRLCK = 1, F_UNLCK = 2;
    public const int ERANGE = 34, EBADF = 9, ENAMETOOLONG = 36, EMFILE = 24, ENFILE = 23;
    /// <summary>The largest buffer readlink and getcwd are given (Linux paths stop at 4096 bytes long before).</summary>
    public const int MaxPathBuffer = 1 << 20;

    /// <summary>struct statx: one layout on every Linux architecture (unlike struct stat), 256 bytes.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    public struct StatxBuffer
    {
        [FieldOffset(4)] public uint BlockSize;
        [FieldOffset(16)] public uint LinkCount;
        [FieldOffset(20)] public uint Uid;
        [FieldOffset(24)] public uint Gid;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Inode;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(48)] public ulong Blocks;
        [FieldOffset(64)] public long AccessSeconds;
        [FieldOffset(96)] public long ChangeSeconds;
        [FieldOffset(112)] public long ModificationSeconds;
        [FieldOffset(128)] public uint RdevMajor;
        [FieldOffset(132)] public uint RdevMinor;
        [FieldOffset(136)] public uint DevMajor;
        [FieldOffset(140)] public uint DevMinor;
    }

    /// <summary>struct flock of the 64-bit ABIs (off_t is 64 bits).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct FLock
    {
        public short Type;
        public short Whence;
        public long Start;
        public long Length;
        public int Pid;
    }

    /// <summary>struct utimbuf.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct UTimBuf
    {
        public long AccessTime;
        public long ModificationTime;
    }

    /// <summary>Offset of d_name in glibc's struct dirent on 64-bit Linux (d_ino, d_off, d_reclen, d_type come first).</summary>
    public const int DirentNameOffset = 19;

#if !NETSTANDARD2_1 // netstandard2.1 has no LibraryImport: Polyfills/NativeImports.cs declares these with DllImport
    [LibraryImport("libc", SetLastError = true)]
    public static partial int statx(int dirfd, byte* path, int flags, uint mask, StatxBuffer* buffer);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint readlink(byte* path, byte* buffer, nint size);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int link(byte* oldPath, byte* newPath);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int symlink(byte* target, byte* linkPath);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int unlink(byte* path);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int utime(byte* path, UTimBuf* times);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int mkdir(byte* path, uint mode);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int rmdir(byte* path);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int chdir(byte* path);

    [LibraryImport("libc", SetLastError = true)]
    public static partial byte* getcwd(byte* buffer, nint size);

    /// <summary>fcntl with a struct flock argument (F_SETLK).</summary>
    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    public static partial int FcntlLock(SafeHandle fd, int command, FLock* lockInfo);

    [LibraryImport("libc", SetLastError = true)]
    public static partial SafeDirectoryHandle opendir(byte* path);

    /// <summary>readdir: a struct dirent* owned by the DIR, or null at the end (or on error).</summary>
    [LibraryImport("libc", SetLastError = true)]
    public static partial byte* readdir(SafeDirectoryHandle dir);

    [LibraryImport("libc")]
    public static partial int closedir(nint dir);
#endif
}

/// <summary>
/// A DIR* from opendir, closed with closedir when released (lfs closes it in __gc). glibc gives
/// each DIR a 32 KiB buffer: telling the .NET collector about it makes it collect dropped
/// directories about as soon as Lua's collector would, before descriptors run out.
/// </summary>
internal sealed class SafeDirectoryHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private const long NativeSize = 32 * 1024;

    public SafeDirectoryHandle() : base(ownsHandle: true) { }

    /// <summary>Called once the handle is known to be valid (ReleaseHandle runs for valid handles only).</summary>
    public void AddMemoryPressure() => GC.AddMemoryPressure(NativeSize);

    protected override bool ReleaseHandle()
    {
        GC.RemoveMemoryPressure(NativeSize);
        return LibC.closedir(handle) == 0;
    }
}
