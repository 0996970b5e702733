namespace LuaVm.Library.Io;

/// <summary>
/// What fopen(dir, "r") gives on Linux: an open stream on a directory, whose reads fail with
/// EISDIR and whose position moves freely, as lseek on a directory does. io.open(".") returns
/// such a file in lua5.1, and programs test "is this a directory" by reading it.
/// </summary>
internal sealed class DirectoryStream : Stream
{
    private long _position;

    /// <summary>A stream to read <paramref name="path"/> as fopen(path, "r") would: a file, or a directory.</summary>
    public static Stream OpenForReading(string path, FileShare share) =>
        Directory.Exists(path) ? new DirectoryStream() : new FileStream(path, FileMode.Open, FileAccess.Read, share);

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    /// <summary>The largest offset, what ext4 answers to lseek(dir, 0, SEEK_END).</summary>
    public override long Length => long.MaxValue;

    public override long Position
    {
        get => _position;
        set => _position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw IsADirectory();

    public override int Read(Span<byte> buffer) => throw IsADirectory();

    private static IOException IsADirectory() => new(OsError.Text(OsError.EISDIR), OsError.EISDIR);

    public override long Seek(long offset, SeekOrigin origin) =>
        _position = origin switch { SeekOrigin.Begin => offset, SeekOrigin.Current => _position + offset, _ => Length + offset };

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
