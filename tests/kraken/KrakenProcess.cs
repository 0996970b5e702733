using System.Diagnostics;

namespace Kraken.Tests;

/// <summary>Runs the real kraken executable (kraken.dll next to the tests, or another kraken) with a time limit.</summary>
public static class KrakenProcess
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static Result Run(string[] args, string? stdin = null, string? workingDirectory = null, int timeoutMs = 30000,
        IDictionary<string, string>? environment = null, string? executable = null)
    {
        var psi = new ProcessStartInfo(executable ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        if (executable is null) psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kraken.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("LUA_INIT");
        psi.Environment.Remove("KRAKEN_CONFIG");
        psi.Environment.Remove("KRAKEN_FRONT");
        if (environment is not null)
            foreach (var (key, value) in environment) psi.Environment[key] = value;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null) p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        if (!p.WaitForExit(timeoutMs))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("kraken did not finish in time");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>A file of the repository (examples/http.lua, say).</summary>
    public static string RepoFile(string relative) => Path.Combine(EmbeddingExampleTests.RepositoryRoot(), relative);

    /// <summary>Writes a script into a fresh temporary folder and returns its path.</summary>
    public static string Script(string name, string code)
    {
        string dir = Path.Combine(Path.GetTempPath(), "kraken-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, code);
        return path;
    }
}
