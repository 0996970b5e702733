namespace Kraken.Tests;

/// <summary>
/// A throwaway console application in its own temporary folder, referencing projects of this
/// repository, as an embedder's would: NativeAotTests, NetEightConsumerTests and NetStandardConsumerTests build one.
/// </summary>
public sealed class ConsumerProject : IDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "kraken-tests", "consumer-" + Guid.NewGuid().ToString("N"));
    public string Output => Path.Combine(Folder, "out");

    /// <summary>
    /// Writes NAME.csproj (an exe for <paramref name="targetFramework"/>, nullable, warnings as
    /// errors, <paramref name="properties"/> added) referencing src/PROJECT/PROJECT.csproj for each
    /// of <paramref name="references"/>, and Program.cs.
    /// </summary>
    public ConsumerProject(string name, string targetFramework, string properties, string program, params string[] references)
    {
        Directory.CreateDirectory(Folder);
        string src = Path.Combine(EmbeddingExampleTests.RepositoryRoot(), "src");
        string items = string.Concat(references.Select(r => $"""    <ProjectReference Include="{Path.Combine(src, r, r + ".csproj")}" />""" + "\n"));
        File.WriteAllText(Path.Combine(Folder, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>{targetFramework}</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                {properties}
              </PropertyGroup>
              <ItemGroup>
            {items}  </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(Folder, "Program.cs"), program);
    }

    /// <summary>
    /// Makes every project reference build and use the referenced project's
    /// <paramref name="targetFramework"/> (MSBuild's SetTargetFramework) instead of the one nearest
    /// to the application's: how an application gets the netstandard2.1 build of LuaVm.
    /// </summary>
    public void ReferenceTargetFramework(string targetFramework)
    {
        string file = Directory.GetFiles(Folder, "*.csproj").Single();
        File.WriteAllText(file, File.ReadAllText(file).Replace(".csproj\" />", $".csproj\" SetTargetFramework=\"TargetFramework={targetFramework}\" />"));
    }

    /// <summary>Runs `dotnet VERB` (build, publish) on the project into <see cref="Output"/> and asserts it succeeded.</summary>
    public void Run(string verb, params string[] options)
    {
        var r = DotnetProcess.Run([verb, Folder, "-c", "Release", "-o", Output, "--nologo", .. options], timeoutMs: 600000, workingDirectory: Folder);
        Xunit.Assert.True(r.ExitCode == 0, r.StdOut + r.StdErr);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
