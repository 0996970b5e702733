using KrakenHost.CommandLine;

namespace KrakenHost;

/// <summary>Entry point of the kraken executable.</summary>
public static class Program
{
    /// <summary>
    /// The name scripts see as arg[-1] (lua.c passes argv[0]): the path of the kraken executable
    /// when it was started directly, so that scripts can run it again (the official test suite's
    /// main.lua does); plain "kraken" under "dotnet kraken.dll".
    /// </summary>
    private static string ProgramName()
    {
        // the JIT build started by the AOT front end names itself as the front (JitHandoff)
        string? path = Environment.GetEnvironmentVariable(JitHandoff.FrontVariable) ?? Environment.ProcessPath;
        return path is not null && Path.GetFileNameWithoutExtension(path) == "kraken" ? path : "kraken";
    }

    /// <summary>Runs the lua.c-compatible command line (see CommandLine/LuaCommandLine.cs).</summary>
    public static int Main(string[] args)
    {
        try
        {
            return new LuaCommandLine(ProgramName(), Console.In).Run(args);
        }
        catch (Exception e)
        {
            // Nothing unexpected may reach the user as a .NET stack trace.
            Console.Error.WriteLine($"kraken: internal error: {e.Message}");
            if (Environment.GetEnvironmentVariable("KRAKEN_DEBUG") == "1") Console.Error.WriteLine(e);
            return 1;
        }
    }
}
