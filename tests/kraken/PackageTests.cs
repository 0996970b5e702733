using System.IO.Compression;
using System.Reflection;
using Xunit;

namespace Kraken.Tests;

/// <summary>
/// dotnet pack gives the two packages: Kraken.LuaVm (the library, its XML docs, a README) and
/// Kraken (the kraken .NET tool). Packs the builds the tests already use (--no-build), so it is quick.
/// </summary>
[Collection("Builds run by tests")]
public sealed class PackageTests
{
    private static readonly string Configuration = typeof(PackageTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BuildConfiguration").Value!;

    private static ZipArchive Pack(string project, string packageFile)
    {
        string output = Path.Combine(Path.GetTempPath(), "kraken-tests", Guid.NewGuid().ToString("N"));
        var r = DotnetProcess.Run(["pack", Path.Combine(EmbeddingExampleTests.RepositoryRoot(), project),
            "--no-build", "-c", Configuration, "-o", output, "--nologo"], timeoutMs: 180000);
        Assert.True(r.ExitCode == 0, r.StdOut + r.StdErr);
        string nupkg = Path.Combine(output, packageFile);
        Assert.True(File.Exists(nupkg), $"{packageFile} not among: {string.Join(", ", Directory.GetFiles(output))}");
        return ZipFile.OpenRead(nupkg);
    }

    private static string ReadEntry(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    [Fact]
    public void LuaVmPackageHasTheLibraryItsXmlDocsAndAReadme()
    {
        using var zip = Pack("src/LuaVm/LuaVm.csproj", "Kraken.LuaVm.0.1.0.nupkg");
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("lib/net10.0/LuaVm.dll", names);
        Assert.Contains("lib/net8.0/LuaVm.dll", names);
        Assert.Contains("README.md", names);
        string nuspec = ReadEntry(zip, "Kraken.LuaVm.nuspec");
        Assert.Contains("<readme>README.md</readme>", nuspec);
        Assert.Contains("<license type=\"expression\">MIT</license>", nuspec);
        Assert.Contains("<authors>Kraken contributors</authors>", nuspec);
        Assert.Contains("hello from C#", ReadEntry(zip, "README.md"));
        string docs = ReadEntry(zip, "lib/net10.0/LuaVm.xml");
        Assert.Contains("M:LuaVm.LuaState.DoString(System.String,System.String)", docs);
        Assert.Contains("P:LuaVm.LuaState.InstructionLimit", docs);
    }

    [Fact]
    public void KrakenToolPackageHasTheHostAndTheReadme()
    {
        using var zip = Pack("src/KrakenHost/KrakenHost.csproj", "Kraken.0.1.0.nupkg");
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("tools/net10.0/any/kraken.dll", names);
        Assert.Contains("tools/net10.0/any/LuaVm.dll", names);
        Assert.Contains("tools/net10.0/any/DotnetToolSettings.xml", names);
        Assert.Contains("README.md", names);
        Assert.Contains("<packageType name=\"DotnetTool\" />", ReadEntry(zip, "Kraken.nuspec"));
        Assert.Contains("kraken script.lua", ReadEntry(zip, "README.md"));
    }
}
