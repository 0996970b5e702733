using System.Text;
using BenchmarkDotNet.Attributes;
using LuaVm.Compiler;

namespace Kraken.Benchmarks;

/// <summary>
/// Parse + compile speed: every bench/*.lua program concatenated (each wrapped in a function
/// so that their locals do not collide). Source size / mean time = MB/s (issue 6: at least 5).
/// </summary>
[MemoryDiagnoser]
public class CompilerBenchmarks
{
    private byte[] _source = [];

    [GlobalSetup]
    public void Setup()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kraken.sln"))) dir = dir.Parent;
        var text = new StringBuilder();
        foreach (var file in Directory.GetFiles(Path.Combine(dir!.FullName, "bench"), "*.lua").Order())
            text.Append("local function program()\n").Append(File.ReadAllText(file)).Append("\nend\n");
        _source = Encoding.UTF8.GetBytes(text.ToString());
        Console.WriteLine($"// source: {_source.Length} bytes");
    }

    [Benchmark]
    public object Compile() => LuaCompiler.Compile(_source, "@bench.lua");
}
