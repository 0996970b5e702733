using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using KrakenHost.Server;
using LuaVm;
using LuaVm.Bytecode;
using LuaVm.Compiler;
using LuaVm.Runtime;
using Microsoft.Win32.SafeHandles;

namespace KrakenHost.CommandLine;

/// <summary>
/// The chunks that the AOT front end compiled before it handed the program to the JIT build
/// (<see cref="JitHandoff"/>), passed on so that the JIT build does not compile them again.
/// Compiling costs the AOT build little, since its parser is native code from the start. For the
/// JIT build, the first chunk is dear: the ANTLR runtime, the grammar's tables and the compiler's
/// code all load and warm up first (about 15 ms for a one-line script, 40 ms for
/// bench/json.lua), and their hot methods then queue for the .NET JIT's optimizing tier ahead of
/// the program's own (docs/cli.md, "Two builds").
/// <para>
/// The chunks travel in an anonymous in-memory file (memfd) that the JIT build inherits across
/// execve; KRAKEN_CHUNKS names its descriptor. Each entry holds a chunk's name, its exact source
/// bytes and its binary chunk (<see cref="BinaryChunk.Dump"/>, debug information included, so
/// that messages and tracebacks are the same). The JIT build uses an entry only for a chunk of the
/// same name and the same bytes, so a file changed in between is compiled afresh. Anything
/// unreadable or unexpected is ignored, and the chunks are then compiled as usual.
/// </para>
/// </summary>
internal static class CompiledChunks
{
    /// <summary>The environment variable naming the descriptor, set by the front end for the JIT build only.</summary>
    public const string Variable = "KRAKEN_CHUNKS";

    private static ReadOnlySpan<byte> Magic => "KRAKEN-CHUNKS-1\n"u8;

    /// <summary>More than any command line's chunks: a larger file is not one the front end wrote.</summary>
    private const int MaxBytes = 256 << 20;

    /// <summary>One compiled chunk: its name as the run loads it ("@path", "=(command line)", "=LUA_INIT").</summary>
    public sealed record Entry(string Name, byte[] Source, byte[] Dump);

    /// <summary>
    /// In the AOT build: writes <paramref name="entries"/> into a new memfd that stays open across
    /// execve, and returns its descriptor, or -1 when there is nothing to pass or it cannot be made.
    /// </summary>
    public static int Share(IReadOnlyList<Entry> entries)
    {
        if (entries.Count == 0) return -1;
        var w = new MemoryStream();
        w.Write(Magic);
        // execve keeps the process id: a later process that inherits the variable by mistake
        // (a child started by the program) sees another id and leaves the descriptor alone
        WriteInt(w, Environment.ProcessId);
        WriteInt(w, entries.Count);
        foreach (var e in entries)
        {
            WriteBytes(w, Encoding.UTF8.GetBytes(e.Name));
            WriteBytes(w, e.Source);
            WriteBytes(w, e.Dump);
        }
        int fd = LinuxInterop.memfd_create("kraken-chunks", 0);
        if (fd < 0) return -1;
        try
        {
            using var handle = new SafeFileHandle(fd, ownsHandle: false);
            RandomAccess.Write(handle, w.ToArray(), 0);
            return fd;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            LinuxInterop.close(fd);
            return -1;
        }
    }

    private static List<Entry>? _received;

    /// <summary>
    /// In the JIT build, once at start: takes the chunks the front end passed, if any, closes the
    /// descriptor and removes the variable, so that no process the program starts looks for them.
    /// </summary>
    public static void Receive()
    {
        _received = null;
        string? value = Environment.GetEnvironmentVariable(Variable);
        if (value is null) return;
        Environment.SetEnvironmentVariable(Variable, null);
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int fd) || fd < 3) return;
        try
        {
            // pread on what is not a regular file fails at once rather than waiting
            using var handle = new SafeFileHandle(fd, ownsHandle: false);
            long length = RandomAccess.GetLength(handle);
            if (length < Magic.Length + 8 || length > MaxBytes) return;
            // the header first: a file the front end did not write is not read further
            Span<byte> header = stackalloc byte[Magic.Length + 4];
            if (!ReadAt(handle, header, 0) || !header[..Magic.Length].SequenceEqual(Magic)) return;
            if (BinaryPrimitives.ReadInt32LittleEndian(header[Magic.Length..]) != Environment.ProcessId) return;
            var data = new byte[length - header.Length];
            if (!ReadAt(handle, data, header.Length)) return;
            LinuxInterop.close(fd); // ours: the front end made it for this very process
            _received = Parse(data);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            // not a file the front end wrote: every chunk compiles as usual
        }
    }

    private static bool ReadAt(SafeFileHandle handle, Span<byte> into, long offset)
    {
        while (into.Length > 0)
        {
            int n = RandomAccess.Read(handle, into, offset);
            if (n <= 0) return false;
            into = into[n..];
            offset += n;
        }
        return true;
    }

    private static List<Entry>? Parse(ReadOnlySpan<byte> data)
    {
        int pos = 0;
        if (!ReadInt(data, ref pos, out int count) || count < 0 || count > 1000) return null;
        var entries = new List<Entry>(count);
        for (int i = 0; i < count; i++)
        {
            if (!ReadBytes(data, ref pos, out var name) || !ReadBytes(data, ref pos, out var source) || !ReadBytes(data, ref pos, out var dump))
                return null;
            entries.Add(new Entry(Encoding.UTF8.GetString(name), source, dump));
        }
        return pos == data.Length ? entries : null;
    }

    /// <summary>
    /// The front end's compiled chunk of the file at <paramref name="path"/> when there is one for
    /// its present contents (read as <see cref="LuaState.LoadFile"/> reads it); null otherwise, and
    /// the caller loads the file itself, with the usual errors.
    /// </summary>
    public static LuaFunction? LoadFile(LuaState state, string path)
    {
        if (_received is null) return null;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
        return Load(state, LuaCompiler.SkipShebangLine(bytes), "@" + path);
    }

    /// <summary>The front end's compiled chunk named <paramref name="name"/> with exactly this source; null otherwise.</summary>
    public static LuaFunction? Load(LuaState state, ReadOnlySpan<byte> source, string name)
    {
        if (_received is null) return null;
        foreach (var e in _received)
        {
            if (e.Name != name || !source.SequenceEqual(e.Source)) continue;
            try
            {
                return state.Load(e.Dump, name);
            }
            catch (LuaException)
            {
                return null; // a chunk this state refuses: compiled as usual
            }
        }
        return null;
    }

    /// <summary>
    /// Whether a chunk of this name may be passed on: the names the two builds give a file agree
    /// only for ASCII paths (the JIT build names a file by its path's bytes).
    /// </summary>
    public static bool CanPass(string name)
    {
        foreach (char c in name)
            if (c >= 0x80) return false;
        return true;
    }

    private static void WriteInt(MemoryStream w, int value)
    {
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(four, value);
        w.Write(four);
    }

    private static void WriteBytes(MemoryStream w, byte[] bytes)
    {
        WriteInt(w, bytes.Length);
        w.Write(bytes);
    }

    private static bool ReadInt(ReadOnlySpan<byte> data, ref int pos, out int value)
    {
        value = 0;
        if (data.Length - pos < 4) return false;
        value = BinaryPrimitives.ReadInt32LittleEndian(data[pos..]);
        pos += 4;
        return true;
    }

    private static bool ReadBytes(ReadOnlySpan<byte> data, ref int pos, out byte[] bytes)
    {
        bytes = [];
        if (!ReadInt(data, ref pos, out int n) || n < 0 || n > data.Length - pos) return false;
        bytes = data.Slice(pos, n).ToArray();
        pos += n;
        return true;
    }
}
