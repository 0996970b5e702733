using LuaVm.Runtime;

namespace KrakenHost.Server.LuaSocket;

/// <summary>
/// A send or receive of a LuaSocket built with LUASOCKET_DEBUG (luarocks' rockspecs define it;
/// Debian's package does not): the call returns, after its usual values, the seconds it took,
/// and socket._DEBUG is true. LuaSocket's own test/testclnt.lua needs it. kraken behaves so when
/// KRAKEN_LUASOCKET_DEBUG=1 is set (docs/server.md); otherwise this class is never used.
/// </summary>
internal sealed class TimedOperation(IOperation inner) : IOperation
{
    /// <summary>The environment variable that turns the debug build's behaviour on.</summary>
    public const string Variable = "KRAKEN_LUASOCKET_DEBUG";

    private readonly double _start = EventLoop.UnixTime;

    /// <summary>True when <see cref="Variable"/> is "1".</summary>
    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";

    public bool Attempt() => inner.Attempt();

    public LuaValue[] Results => WithElapsed(inner.Results);

    public LuaValue[] GiveUp(string error) => WithElapsed(inner.GiveUp(error));

    public bool Wait(Action<LuaValue[]> done) => inner.Wait(results => done(WithElapsed(results)));

    private LuaValue[] WithElapsed(LuaValue[] results) => [.. results, new LuaValue(EventLoop.UnixTime - _start)];
}
