using Xunit;

namespace Kraken.Tests;

/// <summary>The README's embedding example compiles (it is part of the solution), runs, and is the code the README shows.</summary>
public sealed class EmbeddingExampleTests
{
    [Fact]
    public void HelloFromCSharpRunsAndPrints()
    {
        var r = DotnetProcess.Run([Path.Combine(AppContext.BaseDirectory, "HelloEmbedding.dll")]);
        Assert.Equal("", r.StdErr);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("hello from C#, Lua (Lua 5.1)\n", r.StdOut);
    }

    [Fact]
    public void ReadmeShowsTheExampleVerbatim()
    {
        string root = RepositoryRoot();
        string program = File.ReadAllText(Path.Combine(root, "examples", "embedding", "Program.cs")).Trim();
        string readme = File.ReadAllText(Path.Combine(root, "README.md"));
        Assert.Contains("```csharp\n" + program + "\n```", readme);
    }

    /// <summary>The folder holding Kraken.sln, found upward from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Kraken.sln"))) return dir.FullName;
        throw new InvalidOperationException("Kraken.sln not found above " + AppContext.BaseDirectory);
    }
}
