using LuaVm.Runtime;

namespace LuaModules.Lfs;

/// <summary>
/// What stat (or lstat) says of a file, and the attribute names lfs.attributes gives it, in the
/// order lfs fills its table.
/// </summary>
internal readonly unsafe struct FileStatus
{
    private readonly LibC.StatxBuffer _s;

    private FileStatus(in LibC.StatxBuffer s) => _s = s;

    /// <summary>stat, or lstat when <paramref name="followLinks"/> is false; false with errno set on failure.</summary>
    public static bool TryGet(byte* path, bool followLinks, out FileStatus status)
    {
        LibC.StatxBuffer buffer;
        int flags = followLinks ? 0 : LibC.AT_SYMLINK_NOFOLLOW;
        if (LibC.statx(LibC.AT_FDCWD, path, flags, LibC.STATX_BASIC_STATS, &buffer) != 0)
        {
            status = default;
            return false;
        }
        status = new FileStatus(buffer);
        return true;
    }

    /// <summary>The attribute names, in lfs's order.</summary>
    public static readonly LuaString[] Names =
    [
        LuaString.Shared("mode"), LuaString.Shared("dev"), LuaString.Shared("ino"), LuaString.Shared("nlink"),
        LuaString.Shared("uid"), LuaString.Shared("gid"), LuaString.Shared("rdev"), LuaString.Shared("access"),
        LuaString.Shared("modification"), LuaString.Shared("change"), LuaString.Shared("size"),
        LuaString.Shared("permissions"), LuaString.Shared("blocks"), LuaString.Shared("blksize"),
    ];

    /// <summary>The index in <see cref="Names"/> of a name as C compares it (strcmp: up to the first NUL), or -1.</summary>
    public static int IndexOf(ReadOnlySpan<byte> name)
    {
        for (int i = 0; i < Names.Length; i++)
            if (name.SequenceEqual(Names[i].Span)) return i;
        return -1;
    }

    /// <summary>The value of attribute <see cref="Names"/>[<paramref name="index"/>].</summary>
    public LuaValue Value(int index) => index switch
    {
        0 => ModeName(_s.Mode),
        1 => (double)MakeDev(_s.DevMajor, _s.DevMinor),
        2 => (double)_s.Inode,
        3 => (double)_s.LinkCount,
        4 => (double)_s.Uid,
        5 => (double)_s.Gid,
        6 => (double)MakeDev(_s.RdevMajor, _s.RdevMinor),
        7 => (double)_s.AccessSeconds,
        8 => (double)_s.ModificationSeconds,
        9 => (double)_s.ChangeSeconds,
        10 => (double)_s.Size,
        11 => Permissions(_s.Mode),
        12 => (double)_s.Blocks,
        13 => (double)_s.BlockSize,
        _ => LuaValue.Nil,
    };

    /// <summary>st_dev from statx's major and minor numbers: glibc's makedev encoding.</summary>
    private static ulong MakeDev(uint major, uint minor) =>
        ((ulong)(major & 0x00000fffu) << 8) | ((ulong)(major & 0xfffff000u) << 32)
        | (minor & 0x000000ffu) | ((ulong)(minor & 0xffffff00u) << 12);

    private static readonly LuaString File = LuaString.Shared("file"), Directory = LuaString.Shared("directory"),
        Link = LuaString.Shared("link"), Socket = LuaString.Shared("socket"), NamedPipe = LuaString.Shared("named pipe"),
        CharDevice = LuaString.Shared("char device"), BlockDevice = LuaString.Shared("block device"), Other = LuaString.Shared("other");

    /// <summary>lfs's name for the file type bits (S_IFMT) of a mode.</summary>
    private static LuaString ModeName(int mode) => (mode & 0xF000) switch
    {
        0x8000 => File,
        0x4000 => Directory,
        0xA000 => Link,
        0xC000 => Socket,
        0x1000 => NamedPipe,
        0x2000 => CharDevice,
        0x6000 => BlockDevice,
        _ => Other,
    };

    /// <summary>Permission strings, by the 9 permission bits (512 of them: shared, not rebuilt per call).</summary>
    private static readonly LuaString?[] PermissionStrings = new LuaString?[512];

    /// <summary>"rwxr-xr-x" and the like: the owner, group and other bits (setuid, setgid and sticky are not shown).</summary>
    private static LuaString Permissions(int mode)
    {
        int bits = mode & 0x1FF;
        if (PermissionStrings[bits] is { } cached) return cached;
        var text = new byte[9];
        for (int i = 0; i < 9; i++)
        {
            bool set = (bits & (0x100 >> i)) != 0;
            text[i] = set ? "rwx"u8[i % 3] : (byte)'-';
        }
        return PermissionStrings[bits] = new LuaString(text);
    }
}
