using System.Text.RegularExpressions;
using Xunit;

namespace Kraken.Tests;

/// <summary>
/// The C# samples of docs/embedding.md are the regions of
/// examples/interop: that project compiles with the solution, runs here with the output the
/// docs' comments promise, and the docs show each region verbatim.
/// </summary>
public sealed partial class InteropExampleTests
{
    [Fact]
    public void TheSamplesRunAndPrintWhatTheDocsSay()
    {
        var r = DotnetProcess.Run([Path.Combine(AppContext.BaseDirectory, "InteropExample.dll")], timeoutMs: 120000);
        Assert.Equal("", r.StdErr);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("""
            42 / hi Lua! hi Lua! 
            demo:1: bad argument #1 to 'twice' (number expected, got string)
            12
            5	(6, 8)	(4, 5)	(0, 0)
            moved to	(4, 4)
            (4, 10)	2
            false	sample:7: Vector2 has no member 'DebugId'
            2 x tea [hot, green]
            6.5
            demo:1: bad argument #1 to 'place' (bad field 'Quantity' for Order (number has no integer representation))
            5
            script:1: Account has no member 'Close'
            script:1: Account.Deposit: amount must be positive
            script:1: Account has no member 'GetType'
            42
            cancelled
            443 2
            3 2 2 1
            6 3
            Yielded Returned 42
            10
            usable again
            7 6
            [1,2]

            """, r.StdOut);
    }

    [Fact]
    public void TheDocsShowEverySampleVerbatim()
    {
        string root = EmbeddingExampleTests.RepositoryRoot();
        string docs = File.ReadAllText(Path.Combine(root, "docs", "embedding.md"));
        var regions = Directory.GetFiles(Path.Combine(root, "examples", "interop"), "*.cs").SelectMany(f => Regions(File.ReadAllText(f))).ToList();
        Assert.Equal(21, regions.Count);
        foreach (var region in regions) Assert.Contains("```csharp\n" + region + "\n```", docs);
    }

    /// <summary>The text between each "#region" and "#endregion" line, less the indentation its lines share.</summary>
    private static IEnumerable<string> Regions(string source)
    {
        foreach (Match m in RegionPattern().Matches(source.Replace("\r\n", "\n")))
        {
            var lines = m.Groups[1].Value.TrimEnd('\n', ' ').Split('\n');
            int indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
            yield return string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
        }
    }

    [GeneratedRegex(@"^[ \t]*#region[^\n]*\n(.*?)^[ \t]*#endregion", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex RegionPattern();
}
