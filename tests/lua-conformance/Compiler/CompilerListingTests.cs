using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using LuaVm.Bytecode;
using LuaVm.Compiler;
using Xunit;

namespace LuaConformance.Tests.Compiler;

/// <summary>
/// The compiler must produce the same instructions as PUC-Rio's luac 5.1 (same registers,
/// constants, jumps and line numbers): every Compiler/listings/NAME.luac holds luac5.1's
/// listing of the golden case or listing program NAME (see generate-listings.sh).
/// </summary>
public sealed partial class CompilerListingTests
{
    private static string Here([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    public static TheoryData<string> Listings()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(Here(), "listings"), "*.luac").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(f));
        return data;
    }

    [GeneratedRegex(@"; 0x[0-9a-f]*")]
    private static partial Regex Address();

    [Theory]
    [MemberData(nameof(Listings))]
    public void InstructionsMatchLuac(string name)
    {
        string source = Path.Combine(Here(), "listings", name + ".lua");
        if (!File.Exists(source)) source = Path.Combine(Here(), "..", "cases", name + ".lua");
        var proto = LuaCompiler.Compile(LuaCompiler.SkipShebangLine(File.ReadAllBytes(source)), "@" + name + ".lua");
        var writer = new StringWriter();
        Listing.Write(proto, writer);
        var ours = writer.ToString().Split('\n')
            .Where(l => Regex.IsMatch(l, @"^\t\d+\t\["))
            .Select(l => Address().Replace(l, "").TrimEnd('\r'))
            .ToArray();
        var expected = File.ReadAllLines(Path.Combine(Here(), "listings", name + ".luac"));
        Assert.Equal(expected.Length, ours.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], ours[i]);
    }

    [Fact]
    public void ListingShowsHeaderConstantsLocalsAndUpvalues()
    {
        var proto = LuaCompiler.Compile("local x = 1\nlocal function f() return x end\nprint(f())"u8, "=test");
        var writer = new StringWriter();
        Listing.Write(proto, writer);
        string text = writer.ToString();
        Assert.Contains("main <test:0,0> (", text);
        Assert.Contains("GETUPVAL", text);
        Assert.Contains("constants (", text);
        Assert.Contains("\t0\tx\t", text);
        Assert.Contains("upvalues (1)", text);
    }
}
