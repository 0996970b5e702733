using System.Buffers.Binary;
using System.Text;
using LuaVm.Runtime;

namespace LuaVm.Bytecode;

/// <summary>
/// Kraken's binary chunk format (string.dump / load of a dumped function); see
/// docs/binary-chunks.md. The header starts with "\x1bLua" like lua5.1's, so loaders tell binary
/// from source the same way, followed by a marker of our own so lua5.1 rejects our chunks and we
/// reject its chunks with a clean "bad header" error. Undump validates everything it reads, so a
/// truncated or corrupt chunk ends in a <see cref="LuaException"/>, never a .NET exception.
/// </summary>
public static class BinaryChunk
{
    /// <summary>The first four bytes of every binary chunk ("\x1bLua").</summary>
    public static ReadOnlySpan<byte> Signature => "\x1bLua"u8;

    /// <summary>The bytes after the signature: 'K' (Kraken), format version, little-endian and number-size markers.</summary>
    private static ReadOnlySpan<byte> Marker => [(byte)'K', 1, 1, 8, 4];

    /// <summary>Nested function prototypes deeper than this are rejected (the compiler's own limit is far lower).</summary>
    private const int MaxNesting = 200;

    private const byte TagNil = 0, TagFalse = 1, TagTrue = 2, TagNumber = 3, TagString = 4;

    /// <summary>Serialises a prototype, its constants, nested prototypes and debug information.</summary>
    public static byte[] Dump(Proto proto)
    {
        var w = new MemoryStream();
        w.Write(Signature);
        w.Write(Marker);
        DumpFunction(w, proto);
        return w.ToArray();
    }

    private static void DumpFunction(MemoryStream w, Proto p)
    {
        WriteString(w, p.Source);
        WriteInt(w, p.LineDefined);
        WriteInt(w, p.LastLineDefined);
        WriteInt(w, p.NumUpvalues);
        WriteInt(w, p.NumParams);
        w.WriteByte((byte)((p.IsVararg ? 1 : 0) | (p.NeedsArgTable ? 2 : 0)));
        WriteInt(w, p.MaxStackSize);
        WriteInt(w, p.Code.Length);
        Span<byte> four = stackalloc byte[4];
        foreach (uint i in p.Code)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(four, i);
            w.Write(four);
        }
        WriteInt(w, p.Constants.Length);
        foreach (var k in p.Constants) WriteConstant(w, k);
        WriteInt(w, p.Protos.Length);
        foreach (var child in p.Protos) DumpFunction(w, child);
        WriteInt(w, p.LineInfo.Length);
        foreach (int line in p.LineInfo) WriteInt(w, line);
        WriteInt(w, p.LocVars.Length);
        foreach (var v in p.LocVars)
        {
            WriteString(w, v.Name);
            WriteInt(w, v.StartPc);
            WriteInt(w, v.EndPc);
        }
        WriteInt(w, p.UpvalueNames.Length);
        foreach (var name in p.UpvalueNames) WriteString(w, name);
    }

    private static void WriteConstant(MemoryStream w, LuaValue k)
    {
        if (k.IsNil) w.WriteByte(TagNil);
        else if (k.IsBoolean) w.WriteByte(k.IsTruthy ? TagTrue : TagFalse);
        else if (k.IsNumber)
        {
            w.WriteByte(TagNumber);
            Span<byte> eight = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(eight, BitConverter.DoubleToInt64Bits(k.Num));
            w.Write(eight);
        }
        else if (k.Obj is LuaString s)
        {
            w.WriteByte(TagString);
            WriteInt(w, s.Length);
            w.Write(s.Span);
        }
        else throw new LuaException("unable to dump given function");
    }

    private static void WriteString(MemoryStream w, string s)
    {
        var bytes = Encoding.Latin1.GetBytes(s);
        WriteInt(w, bytes.Length);
        w.Write(bytes);
    }

    /// <summary>Non-negative integers as LEB128 varints; the few negative ones (never produced by the compiler) as 0xFFFFFFFF.</summary>
    private static void WriteInt(MemoryStream w, int value)
    {
        uint v = (uint)value;
        while (v >= 0x80)
        {
            w.WriteByte((byte)(v | 0x80));
            v >>= 7;
        }
        w.WriteByte((byte)v);
    }

    /// <summary>
    /// Reads a chunk made by <see cref="Dump"/>. Errors read like lua5.1's:
    /// "name: unexpected end in precompiled chunk", "name: bad header in precompiled chunk",
    /// "name: bad code in precompiled chunk"... where name is derived from <paramref name="chunkName"/>
    /// as lundump.c does ("binary string" for a chunk named by its own contents).
    /// </summary>
    public static Proto Undump(ReadOnlySpan<byte> chunk, string chunkName)
    {
        var r = new Reader(chunk, DisplayName(chunkName));
        if (chunk.Length < Signature.Length + Marker.Length) throw r.Fail("unexpected end");
        if (!chunk[..Signature.Length].SequenceEqual(Signature) ||
            !chunk.Slice(Signature.Length, Marker.Length).SequenceEqual(Marker))
            throw r.Fail("bad header");
        r.Pos = Signature.Length + Marker.Length;
        var proto = ReadFunction(ref r, 0);
        if (r.Pos != chunk.Length) throw r.Fail("bad format (extra bytes)");
        return proto;
    }

    private static string DisplayName(string chunkName)
    {
        if (chunkName.Length > 0 && (chunkName[0] == '@' || chunkName[0] == '=')) return chunkName[1..];
        if (chunkName.Length > 0 && chunkName[0] == '\x1b') return "binary string";
        return chunkName;
    }

    private static Proto ReadFunction(ref Reader r, int depth)
    {
        if (depth > MaxNesting) throw r.Fail("bad format (functions nested too deeply)");
        var p = new Proto
        {
            Source = r.String(),
            LineDefined = r.Int(),
            LastLineDefined = r.Int(),
            NumUpvalues = r.Count(Instruction.MaxA + 1),
            NumParams = r.Count(Instruction.MaxA + 1),
        };
        int flags = r.Byte();
        if (flags > 3) throw r.Fail("bad format (flags)");
        p.IsVararg = (flags & 1) != 0;
        p.NeedsArgTable = (flags & 2) != 0;
        p.MaxStackSize = r.Count(Instruction.MaxA + 1);
        p.Code = new uint[r.Count(r.Remaining / 4)];
        for (int i = 0; i < p.Code.Length; i++) p.Code[i] = r.UInt32();
        p.Constants = new LuaValue[r.Count(r.Remaining)];
        for (int i = 0; i < p.Constants.Length; i++) p.Constants[i] = ReadConstant(ref r);
        p.Protos = new Proto[r.Count(r.Remaining)];
        for (int i = 0; i < p.Protos.Length; i++) p.Protos[i] = ReadFunction(ref r, depth + 1);
        p.LineInfo = new int[r.Count(r.Remaining)];
        for (int i = 0; i < p.LineInfo.Length; i++) p.LineInfo[i] = r.Int();
        p.LocVars = new LocalVarInfo[r.Count(r.Remaining)];
        for (int i = 0; i < p.LocVars.Length; i++) p.LocVars[i] = new LocalVarInfo(r.String(), r.Int(), r.Int());
        p.UpvalueNames = new string[r.Count(r.Remaining)];
        for (int i = 0; i < p.UpvalueNames.Length; i++) p.UpvalueNames[i] = r.String();
        if (p.LineInfo.Length != 0 && p.LineInfo.Length != p.Code.Length) throw r.Fail("bad format (line info)");
        if (p.UpvalueNames.Length != 0 && p.UpvalueNames.Length != p.NumUpvalues) throw r.Fail("bad format (upvalue names)");
        if (!BytecodeCheck.IsValid(p)) throw r.Fail("bad code");
        return p;
    }

    private static LuaValue ReadConstant(ref Reader r)
    {
        switch (r.Byte())
        {
            case TagNil: return LuaValue.Nil;
            case TagFalse: return LuaValue.False;
            case TagTrue: return LuaValue.True;
            case TagNumber: return new LuaValue(BitConverter.Int64BitsToDouble((long)r.UInt64()));
            case TagString: return new LuaValue(LuaString.Shared(LuaString.FromBytes(r.Bytes(r.Count(r.Remaining)))));
            default: throw r.Fail("bad constant");
        }
    }

    /// <summary>A bounds-checked cursor over the chunk.</summary>
    private ref struct Reader(ReadOnlySpan<byte> data, string name)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        public int Pos;

        public readonly int Remaining => _data.Length - Pos;

        public readonly LuaSyntaxException Fail(string why) => LuaSyntaxException.FromLatin1($"{name}: {why} in precompiled chunk");

        public ReadOnlySpan<byte> Bytes(int n)
        {
            if (n < 0 || n > Remaining) throw Fail("unexpected end");
            var s = _data.Slice(Pos, n);
            Pos += n;
            return s;
        }

        public byte Byte() => Bytes(1)[0];

        public uint UInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4));

        public ulong UInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Bytes(8));

        public int Int()
        {
            uint v = 0;
            for (int shift = 0; ; shift += 7)
            {
                if (shift > 28) throw Fail("bad integer");
                byte b = Byte();
                v |= (uint)(b & 0x7F) << shift;
                if (b < 0x80) return (int)v;
            }
        }

        /// <summary>A count that must be non-negative and at most <paramref name="max"/> (what the rest of the chunk could hold).</summary>
        public int Count(int max)
        {
            int n = Int();
            if (n < 0) throw Fail("bad integer");
            if (n > max) throw Fail("unexpected end");
            return n;
        }

        public string String() => Encoding.Latin1.GetString(Bytes(Count(Remaining)));
    }
}
