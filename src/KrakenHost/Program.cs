using KrakenHost.CommandLine;

namespace KrakenHost;

/// <summary>Entry point of the kraken executable.</summary>
public static class Program
{
    /// <summary>Runs the lua.c-compatible command line (see CommandLine/LuaCommandLine.cs).</summary>
    public static int Main(string[] args)
    {
        try
        {
            return new LuaCommandLine("kraken", Console.In).Run(args);
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
