using System.Diagnostics;

namespace Kraken.Tests;

/// <summary>Runs the dotnet command (a built program's dll, or an SDK command such as pack) with a time limit.</summary>
public static class DotnetProcess
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static Result Run(IEnumerable<string> args, int timeoutMs = 30000, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutMs))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', args)} did not finish in time");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }
}
