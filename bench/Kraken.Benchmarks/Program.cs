using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Kraken.Benchmarks;

/// <summary>
/// BenchmarkDotNet micro-benchmarks of LuaVm's compiler and hot VM paths:
///   dotnet run -c Release --project bench/Kraken.Benchmarks -- --filter '*'
/// They run in-process: BenchmarkDotNet's usual rebuild of the project in a scratch folder
/// would have to rerun the ANTLR build step there, which does not work with its paths.
/// </summary>
public static class Program
{
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
            .Run(args, DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance)));
}
