#if NETSTANDARD2_1
using System.Runtime.InteropServices;
using LuaModules.Lfs;

// netstandard2.1 has no LibraryImport (source-generated marshalling): the same libc functions,
// with the same names and signatures, as classic DllImports. The net8.0 and net10.0 builds use
// the LibraryImport declarations in Lfs/LibC.cs and Term/Terminal.cs.

namespace LuaModules.Lfs
{
    internal static unsafe partial class LibC
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int statx(int dirfd, byte* path, int flags, uint mask, StatxBuffer* buffer);

        [DllImport("libc", SetLastError = true)]
        public static extern nint readlink(byte* path, byte* buffer, nint size);

        [DllImport("libc", SetLastError = true)]
        public static extern int link(byte* oldPath, byte* newPath);

        [DllImport("libc", SetLastError = true)]
        public static extern int symlink(byte* target, byte* linkPath);

        [DllImport("libc", SetLastError = true)]
        public static extern int unlink(byte* path);

        [DllImport("libc", SetLastError = true)]
        public static extern int utime(byte* path, UTimBuf* times);

        [DllImport("libc", SetLastError = true)]
        public static extern int mkdir(byte* path, uint mode);

        [DllImport("libc", SetLastError = true)]
        public static extern int rmdir(byte* path);

        [DllImport("libc", SetLastError = true)]
        public static extern int chdir(byte* path);

        [DllImport("libc", SetLastError = true)]
        public static extern byte* getcwd(byte* buffer, nint size);

        /// <summary>fcntl with a struct flock argument (F_SETLK).</summary>
        [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
        public static extern int FcntlLock(SafeHandle fd, int command, FLock* lockInfo);

        [DllImport("libc", SetLastError = true)]
        public static extern SafeDirectoryHandle opendir(byte* path);

        /// <summary>readdir: a struct dirent* owned by the DIR, or null at the end (or on error).</summary>
        [DllImport("libc", SetLastError = true)]
        public static extern byte* readdir(SafeDirectoryHandle dir);

        [DllImport("libc")]
        public static extern int closedir(nint dir);
    }
}

namespace LuaModules.Term
{
    internal static partial class Terminal
    {
        [DllImport("libc")]
        private static extern int isatty(int fd);
    }
}
#endif
