using System.Text;
using LuaVm.Runtime;

namespace LuaVm.Bytecode;

/// <summary>
/// Kraken's binary chunk format (string.dump and loading precompiled chunks). It is our own, not
/// luac's: a header "\x1bLua" + "K" + format version 1 + the size of a number (8), then the main
/// prototype. A prototype is: source, line defined, last line defined, upvalue count, parameter
/// count, vararg flag, arg-table flag, max stack size, code (count + 32-bit words), constants
/// (count + tagged values), nested prototypes, line info, locals (name, start pc, end pc) and
/// upvalue names. Integers are 32-bit little-endian, strings are a length and their bytes.
/// Loading checks the structure (opcodes, registers, constant and prototype indices, jumps), so
/// corrupt input ends in a Lua error, never in the VM.
/// </summary>
public static class BinaryChunk
{
    private static readonly byte[] Header = [0x1B, (byte)'L', (byte)'u', (byte)'a', (byte)'K', 1, 8];

    /// <summary>Serialises a prototype and everything it contains.</summary>
    public static byte[] Dump(Proto proto)
    {
        var ms = new MemoryStream();
        var w = new BinaryWriter(ms);
        w.Write(Header);
        WriteProto(w, proto);
        return ms.ToArray();
    }

    private static void WriteString(BinaryWriter w, string s)
    {
        var bytes = Encoding.Latin1.GetBytes(s);
        w.Write(bytes.Length);
        w.Write(bytes);
    }

    private static void WriteProto(BinaryWriter w, Proto p)
    {
        WriteString(w, p.Source);
        w.Write(p.LineDefined);
        w.Write(p.LastLineDefined);
        w.Write(p.NumUpvalues);
        w.Write(p.NumParams);
        w.Write(p.IsVararg);
        w.Write(p.NeedsArgTable);
        w.Write(p.MaxStackSize);
        w.Write(p.Code.Length);
        foreach (uint i in p.Code) w.Write(i);
        w.Write(p.Constants.Length);
        foreach (var k in p.Constants)
        {
            switch (k.Type)
            {
                case LuaType.Nil: w.Write((byte)0); break;
                case LuaType.Boolean: w.Write((byte)1); w.Write(k.IsTruthy); break;
                case LuaType.Number: w.Write((byte)3); w.Write(k.Num); break;
                default:
                    var s = k.AsString!;
                    w.Write((byte)4);
                    w.Write(s.Length);
                    w.Write(s.Bytes);
                    break;
            }
        }
        w.Write(p.Protos.Length);
        foreach (var child in p.Protos) WriteProto(w, child);
        w.Write(p.LineInfo.Length);
        foreach (int line in p.LineInfo) w.Write(line);
        w.Write(p.LocVars.Length);
        foreach (var v in p.LocVars)
        {
            WriteString(w, v.Name);
            w.Write(v.StartPc);
            w.Write(v.EndPc);
        }
        w.Write(p.UpvalueNames.Length);
        foreach (var n in p.UpvalueNames) WriteString(w, n);
    }

    /// <summary>Reads a chunk written by <see cref="Dump"/>; throws LuaException for anything else.</summary>
    public static Proto Undump(ReadOnlySpan<byte> chunk, string chunkName)
    {
        // named as lundump.c names chunks in its messages
        string where = chunkName.StartsWith('@') || chunkName.StartsWith('=') ? chunkName[1..]
            : chunkName.StartsWith('\x1b') ? "binary string" : chunkName;
        if (chunk.Length < Header.Length || !chunk[..Header.Length].SequenceEqual(Header))
            throw new LuaException($"{where}: bad header in precompiled chunk");
        var reader = new Reader(chunk[Header.Length..].ToArray(), where);
        var proto = reader.ReadProto(0);
        if (!reader.AtEnd) throw new LuaException($"{where}: bad binary format (trailing bytes) in precompiled chunk");
        return proto;
    }

    private sealed class Reader(byte[] data, string where)
    {
        private int _pos;

        public bool AtEnd => _pos == data.Length;

        private LuaException Truncated() => new($"{where}: unexpected end in precompiled chunk");

        private LuaException Bad(string what) => new($"{where}: bad {what} in precompiled chunk");

        private ReadOnlySpan<byte> Take(int n)
        {
            if (n < 0 || n > data.Length - _pos) throw Truncated();
            var span = data.AsSpan(_pos, n);
            _pos += n;
            return span;
        }

        private int Int() => BitConverter.ToInt32(Take(4));

        private int Count(int max = 1 << 26)
        {
            int n = Int();
            if (n < 0 || n > max) throw Bad("size");
            return n;
        }

        private bool Bool() => Take(1)[0] != 0;

        private string Str() => Encoding.Latin1.GetString(Take(Count()));

        public Proto ReadProto(int depth)
        {
            if (depth > 200) throw Bad("nesting");
            var p = new Proto
            {
                Source = Str(),
                LineDefined = Int(),
                LastLineDefined = Int(),
                NumUpvalues = Count(255),
                NumParams = Count(255),
                IsVararg = Bool(),
                NeedsArgTable = Bool(),
                MaxStackSize = Count(255),
            };
            var code = new uint[Count()];
            for (int i = 0; i < code.Length; i++) code[i] = BitConverter.ToUInt32(Take(4));
            p.Code = code;
            var constants = new LuaValue[Count()];
            for (int i = 0; i < constants.Length; i++)
            {
                constants[i] = Take(1)[0] switch
                {
                    0 => LuaValue.Nil,
                    1 => LuaValue.FromBool(Bool()),
                    3 => BitConverter.ToDouble(Take(8)),
                    4 => LuaString.FromBytes(Take(Count())),
                    _ => throw Bad("constant"),
                };
            }
            p.Constants = constants;
            var protos = new Proto[Count()];
            for (int i = 0; i < protos.Length; i++) protos[i] = ReadProto(depth + 1);
            p.Protos = protos;
            var lines = new int[Count()];
            for (int i = 0; i < lines.Length; i++) lines[i] = Int();
            p.LineInfo = lines;
            var locals = new LocalVarInfo[Count()];
            for (int i = 0; i < locals.Length; i++) locals[i] = new LocalVarInfo(Str(), Int(), Int());
            p.LocVars = locals;
            var upvalueNames = new string[Count(255)];
            for (int i = 0; i < upvalueNames.Length; i++) upvalueNames[i] = Str();
            p.UpvalueNames = upvalueNames;
            Verify(p);
            return p;
        }

        /// <summary>Checks what the VM relies on (a smaller cousin of lua5.1's luaG_checkcode).</summary>
        private void Verify(Proto p)
        {
            int n = p.Code.Length;
            if (n == 0 || Instruction.Op(p.Code[n - 1]) != OpCode.Return) throw Bad("code");
            if (p.NumParams + (p.NeedsArgTable ? 1 : 0) > p.MaxStackSize) throw Bad("code");
            for (int pc = 0; pc < n; pc++)
            {
                uint i = p.Code[pc];
                var op = Instruction.Op(i);
                if ((int)op > (int)OpCode.VarArg) throw Bad("code");
                int a = Instruction.A(i), b = Instruction.B(i), c = Instruction.C(i), bx = Instruction.Bx(i);
                bool Reg(int r) => r < p.MaxStackSize;
                bool RK(int r) => Instruction.IsConstant(r) ? Instruction.ConstantIndex(r) < p.Constants.Length : Reg(r);
                bool ok = op switch
                {
                    OpCode.LoadK => Reg(a) && bx < p.Constants.Length,
                    OpCode.GetGlobal or OpCode.SetGlobal => Reg(a) && bx < p.Constants.Length && p.Constants[bx].IsString,
                    OpCode.GetUpval or OpCode.SetUpval => Reg(a) && b < p.NumUpvalues,
                    OpCode.Move or OpCode.Unm or OpCode.Not or OpCode.Len => Reg(a) && Reg(b),
                    OpCode.LoadNil => Reg(a) && Reg(b),
                    OpCode.GetTable or OpCode.Self => Reg(a + (op == OpCode.Self ? 1 : 0)) && Reg(b) && RK(c),
                    OpCode.SetTable or OpCode.Add or OpCode.Sub or OpCode.Mul or OpCode.Div or OpCode.Mod or OpCode.Pow
                        or OpCode.Eq or OpCode.Lt or OpCode.Le => RK(b) && RK(c) && (op is OpCode.Eq or OpCode.Lt or OpCode.Le || Reg(a)),
                    OpCode.Concat => Reg(a) && Reg(c) && b < c,
                    OpCode.Jmp or OpCode.ForLoop or OpCode.ForPrep => JumpOk(pc, Instruction.SBx(i), n) && (op == OpCode.Jmp || Reg(a + 3)),
                    OpCode.Closure => Reg(a) && bx < p.Protos.Length && pc + p.Protos[bx].NumUpvalues < n,
                    OpCode.TForLoop => Reg(a + 2 + c),
                    OpCode.Close or OpCode.Test or OpCode.TestSet or OpCode.NewTable or OpCode.LoadBool => Reg(a) && (op != OpCode.TestSet || Reg(b)),
                    _ => Reg(a),
                };
                if (!ok) throw Bad("code");
                if (op is OpCode.Eq or OpCode.Lt or OpCode.Le or OpCode.Test or OpCode.TestSet or OpCode.TForLoop)
                    if (pc + 1 >= n || Instruction.Op(p.Code[pc + 1]) != OpCode.Jmp) throw Bad("code");
                if (op == OpCode.SetList && c == 0) pc++;
                if (op == OpCode.Closure) pc += p.Protos[bx].NumUpvalues;
            }
            if (p.LineInfo.Length != 0 && p.LineInfo.Length != n) throw Bad("line info");
        }

        private static bool JumpOk(int pc, int offset, int n)
        {
            int dest = pc + 1 + offset;
            return dest >= 0 && dest < n;
        }
    }
}
