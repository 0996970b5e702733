using LuaVm;
using LuaVm.Bytecode;
using LuaVm.Runtime;
using Xunit;

namespace LuaConformance.Tests.Library.String;

public sealed class BinaryChunkTests
{
    private static Proto Compile(string code) =>
        LuaVm.Compiler.LuaCompiler.Compile(LuaString.FromLatin1(code).Bytes, "=test");

    private const string Sample = """
        local up = 1
        local function f(a, ...) local t = {a, ...} for i = 1, #t do t[i] = t[i] * 2 end return t, up end
        return f(1, 2, 3), "s", 1.5, nil, true
        """;

    [Fact]
    public void DumpUndumpRoundTripsEveryField()
    {
        var p = Compile(Sample);
        var q = BinaryChunk.Undump(BinaryChunk.Dump(p), "=x");
        Assert.Equal(BinaryChunk.Dump(p), BinaryChunk.Dump(q));
        Assert.Equal(p.Code, q.Code);
        Assert.Equal(p.Protos.Length, q.Protos.Length);
        Assert.Equal(p.Protos[0].LocVars, q.Protos[0].LocVars);
        Assert.Equal("=test", q.Source);
    }

    [Fact]
    public void EveryTruncationIsALuaError()
    {
        var d = BinaryChunk.Dump(Compile(Sample));
        for (int n = 0; n < d.Length; n++)
        {
            var e = Assert.Throws<LuaSyntaxException>(() => BinaryChunk.Undump(d.AsSpan(0, n), "=t"));
            Assert.EndsWith("in precompiled chunk", e.Message);
        }
    }

    [Fact]
    public void CorruptBytesNeverRaiseDotNetExceptions()
    {
        var d = BinaryChunk.Dump(Compile(Sample));
        var rnd = new Random(1234);
        for (int k = 0; k < 5000; k++)
        {
            var c = (byte[])d.Clone();
            int hits = 1 + rnd.Next(3);
            for (int h = 0; h < hits; h++) c[rnd.Next(c.Length)] = (byte)rnd.Next(256);
            try { BinaryChunk.Undump(c, "=t"); }
            catch (LuaException e) { Assert.Contains("precompiled chunk", e.Message); }
        }
    }

    [Fact]
    public void HeaderErrorsNameTheChunkLikeLua51()
    {
        var e = Assert.Throws<LuaSyntaxException>(() => BinaryChunk.Undump("\x1bLuaQ\0\x01\x04\x08\x04\x08\0"u8, "\x1bLuaQ"));
        Assert.Equal("binary string: bad header in precompiled chunk", e.Message);
        e = Assert.Throws<LuaSyntaxException>(() => BinaryChunk.Undump("\x1bLu"u8, "@f.lua"));
        Assert.Equal("f.lua: unexpected end in precompiled chunk", e.Message);
    }
}
