using System.Net.Sockets;
using System.Runtime.InteropServices;
using LuaVm.Runtime;

namespace KrakenHost.Server;

/// <summary>server:accept() from a script: one connection, as a socket and its address.</summary>
internal sealed class AcceptOperation(KrakenSocket listener, Func<Socket, LuaValue[]> wrap) : SocketOperation(listener)
{
    protected override bool WaitsToWrite => false;

    protected override bool Progress()
    {
        var client = Socket.TryAccept(out int errno);
        if (client is not null)
        {
            Results = wrap(client);
            return true;
        }
        if (errno == LinuxInterop.EAGAIN) return false;
        Results = [LuaValue.Nil, Marshal.GetPInvokeErrorMessage(errno).ToLowerInvariant()];
        return true;
    }

    protected override LuaValue[] FailureResults(string error) => [LuaValue.Nil, error];
}

/// <summary>
/// The host's own listeners: accepts every pending connection whenever the listening socket is
/// readable and hands each to the server; never finishes. Pauses while the server is at its
/// connection limit, and backs off when the process is out of descriptors.
/// </summary>
internal sealed class ListenerOperation(KrakenSocket listener, KrakenServer server) : SocketOperation(listener)
{
    private bool _backingOff;

    protected override bool WaitsToWrite => false;

    protected override bool Progress()
    {
        while (!_backingOff && server.CanAccept)
        {
            var client = Socket.TryAccept(out int errno);
            if (client is not null)
            {
                server.StartConnection(client);
                continue;
            }
            if (errno is LinuxInterop.EMFILE or LinuxInterop.ENFILE)
            {
                server.LogLine("too many open files: waiting before accepting more connections");
                _backingOff = true;
                Socket.Loop.AddTimer(0.1, () =>
                {
                    _backingOff = false;
                    Retry();
                });
            }
            return false; // EAGAIN (or a transient error such as ECONNABORTED): wait for the next connection
        }
        return false;
    }

    protected override LuaValue[] FailureResults(string error) => [];
}
