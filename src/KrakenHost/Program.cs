namespace KrakenHost;

/// <summary>Entry point of the kraken executable.</summary>
public static class Program
{
    /// <summary>Runs the command line (see CommandLine.cs).</summary>
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("kraken: command line not implemented yet");
        return args.Length == 0 ? 1 : 1;
    }
}
