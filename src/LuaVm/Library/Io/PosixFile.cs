namespace LuaVm.Library.Io;

/// <summary>
/// The one question about an open file that .NET cannot answer: whether the kernel accepts a
/// position (fseek fails with EINVAL past the file system's largest file, 2^44 bytes on ext4,
/// while FileStream.Seek accepts anything). FileStream reads and writes at its own position
/// (pread/pwrite), so moving the descriptor's offset here changes nothing it does.
/// </summary>
internal static class PosixFile
{
    public static bool CanSeekTo(Stream stream, long position)
    {
        if (OperatingSystem.IsWindows() || stream is not FileStream { SafeFileHandle: var handle } || handle.IsInvalid) return true;
        return LibC.lseek(handle, position, 0 /* SEEK_SET */) >= 0;
    }
}
