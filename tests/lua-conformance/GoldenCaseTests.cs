using System.Text;
using LuaConformance.Tests.Golden;
using LuaVm;
using Xunit;

namespace LuaConformance.Tests;

/// <summary>
/// Every cases/NAME.lua runs in-process and must print exactly what lua5.1 printed for it
/// (NAME.stdout), exit with the same code (NAME.exitcode) and report the same error message
/// (the first line of NAME.stderr, program name removed). Expected files come from
/// generate-expected.sh, which runs the reference lua5.1.
/// </summary>
public sealed class GoldenCaseTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in GoldenCase.Names()) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesReferenceInterpreter(string name) => Check(name, LuaState.DefaultJitThreshold);

    /// <summary>The same case with every function compiled when it first runs (Jit/JitCompiler).</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesReferenceInterpreterWhenCompiled(string name) => Check(name, jitThreshold: 1);

    private static void Check(string name, int jitThreshold)
    {
        string dir = GoldenCase.CasesDirectory();
        var expectedOut = File.ReadAllBytes(Path.Combine(dir, name + ".stdout"));
        string exitFile = Path.Combine(dir, name + ".exitcode");
        int expectedExit = File.Exists(exitFile) ? int.Parse(File.ReadAllText(exitFile).Trim()) : 0;
        string errFile = Path.Combine(dir, name + ".stderr");
        string expectedErr = File.Exists(errFile) ? FirstLine(File.ReadAllText(errFile, Encoding.Latin1)) : "";

        // generous: a case runs in well under a second alone, but cases that collect garbage make
        // full .NET collections of the whole test process, which take long on a busy machine
        var outcome = GoldenCase.Run(name, TimeSpan.FromSeconds(120), jitThreshold);

        AssertSameText(expectedOut, outcome.StdOut, name);
        Assert.Equal(expectedExit, outcome.ExitCode);
        if (expectedExit != 0) Assert.Equal(expectedErr, FirstLine(outcome.StdErr));
    }

    /// <summary>The first line, without the "progname: " prefix lua.c puts before messages.</summary>
    private static string FirstLine(string text)
    {
        int nl = text.IndexOf('\n');
        string line = nl >= 0 ? text[..nl] : text;
        int colon = line.IndexOf(": ", StringComparison.Ordinal);
        return line.StartsWith("lua5.1: ", StringComparison.Ordinal) && colon > 0 ? line[(colon + 2)..] : line;
    }

    private static void AssertSameText(byte[] expected, byte[] actual, string name)
    {
        if (expected.AsSpan().SequenceEqual(actual)) return;
        var e = Encoding.Latin1.GetString(expected).Split('\n');
        var a = Encoding.Latin1.GetString(actual).Split('\n');
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            string el = i < e.Length ? e[i] : "<end of output>";
            string al = i < a.Length ? a[i] : "<end of output>";
            if (el != al) Assert.Fail($"{name}: stdout differs at line {i + 1}\n expected: {el}\n   actual: {al}");
        }
        Assert.Fail($"{name}: stdout differs");
    }
}
