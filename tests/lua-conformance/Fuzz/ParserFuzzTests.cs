using System.Diagnostics;
using System.Text;
using LuaVm.Compiler;
using LuaVm.Runtime;
using Xunit;

namespace LuaConformance.Tests.Fuzz;

/// <summary>
/// A mutation fuzzer for the lexer, parser and compiler: real Lua programs (the golden cases and
/// bench/*.lua) cut, spliced, flipped and sprinkled with Lua tokens. Every input must end in a
/// compiled chunk or a Lua syntax error: any other exception fails, and so does an input that
/// takes over 10 s twice in a row (a pathological input is slow every time; a stall of a loaded
/// machine, or of the other tests' forced collections, is not).
/// CI runs a few thousand inputs with a fixed seed; a long run:
///   FUZZ_COUNT=1000000 FUZZ_SEED=7 dotnet test tests/lua-conformance -c Release --filter ParserFuzzTests
/// Failing inputs are written to the system temp folder (kraken-fuzz-*.lua).
/// </summary>
public sealed class ParserFuzzTests
{
    private static readonly string[] Tokens =
    [
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "if", "in", "local", "nil",
        "not", "or", "repeat", "return", "then", "true", "until", "while", "+", "-", "*", "/", "%", "^", "#",
        "==", "~=", "<=", ">=", "<", ">", "=", "(", ")", "{", "}", "[", "]", ";", ":", ",", ".", "..", "...",
        "[[", "]]", "[==[", "]==]", "--", "--[[", "\"", "'", "\\", "\\n", "\n", "\r", "0x", "1e", "3.", ".5",
        "x", "a.b", "f()", "\0", "\xff", "#!", "--[==[", "local function", "return", "\"\\300\"", "'\\",
    ];

    [Fact]
    public void NoInputCrashesTheCompiler()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_COUNT"), out int c) ? c : 3000;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out int s) ? s : 20261125;
        var corpus = Corpus();
        var random = new Random(seed);
        int compiled = 0, syntaxErrors = 0;
        var failures = new List<string>();
        for (int n = 0; n < count && failures.Count < 5; n++)
        {
            byte[] input = Mutate(random, corpus);
            var took = TimeCompile(input, out bool ok, out var error);
            if (error is not null) failures.Add(Save(input, error));
            else if (ok) compiled++;
            else syntaxErrors++;
            if (took > SlowInput && TimeCompile(input, out _, out _) is var again && again > SlowInput)
                failures.Add(Save(input, $"took {took.TotalSeconds:F1} s, then {again.TotalSeconds:F1} s"));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(compiled + syntaxErrors >= count, $"{compiled} compiled, {syntaxErrors} syntax errors of {count}");
    }

    private static readonly TimeSpan SlowInput = TimeSpan.FromSeconds(10);

    /// <summary>Compiles <paramref name="input"/>: ok for a chunk, not for a Lua syntax error; any other exception is the error.</summary>
    private static TimeSpan TimeCompile(byte[] input, out bool ok, out string? error)
    {
        var clock = Stopwatch.StartNew();
        ok = false;
        error = null;
        try
        {
            LuaCompiler.Compile(input, "=fuzz");
            ok = true;
        }
        catch (LuaException)
        {
            // a syntax error: what a broken input must give
        }
        catch (Exception e)
        {
            error = $"{e.GetType().Name}: {e.Message}";
        }
        return clock.Elapsed;
    }

    private static List<byte[]> Corpus()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kraken.sln"))) dir = dir.Parent;
        var files = Directory.GetFiles(Path.Combine(dir!.FullName, "tests", "lua-conformance", "cases"), "*.lua")
            .Concat(Directory.GetFiles(Path.Combine(dir.FullName, "bench"), "*.lua"))
            .Order(StringComparer.Ordinal);
        return files.Select(File.ReadAllBytes).ToList();
    }

    /// <summary>One to four random edits of a corpus file (or of two spliced together).</summary>
    private static byte[] Mutate(Random random, List<byte[]> corpus)
    {
        var data = new List<byte>(corpus[random.Next(corpus.Count)]);
        int edits = random.Next(1, 5);
        for (int e = 0; e < edits; e++)
        {
            int at = data.Count == 0 ? 0 : random.Next(data.Count);
            switch (random.Next(7))
            {
                case 0: // flip a byte
                    if (data.Count > 0) data[at] = (byte)random.Next(256);
                    break;
                case 1: // insert a Lua token
                    data.InsertRange(at, Encoding.Latin1.GetBytes(Tokens[random.Next(Tokens.Length)]));
                    break;
                case 2: // delete a range
                    data.RemoveRange(at, Math.Min(data.Count - at, random.Next(1, 40)));
                    break;
                case 3: // duplicate a range
                {
                    int len = Math.Min(data.Count - at, random.Next(1, 200));
                    data.InsertRange(at, data.GetRange(at, len));
                    break;
                }
                case 4: // truncate
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 5: // splice in part of another program
                {
                    var other = corpus[random.Next(corpus.Count)];
                    int from = random.Next(other.Length + 1);
                    data.InsertRange(at, other.AsSpan(from, Math.Min(other.Length - from, random.Next(1, 300))).ToArray());
                    break;
                }
                default: // deep nesting
                    data.InsertRange(at, Encoding.Latin1.GetBytes(string.Concat(Enumerable.Repeat(Tokens[random.Next(Tokens.Length)], random.Next(1, 400)))));
                    break;
            }
        }
        return data.ToArray();
    }

    private static string Save(byte[] input, string what)
    {
        string path = Path.Combine(Path.GetTempPath(), $"kraken-fuzz-{Guid.NewGuid():N}.lua");
        File.WriteAllBytes(path, input);
        return $"{what} (input saved as {path})";
    }
}
