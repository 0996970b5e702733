using System.Net;
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

/// <summary>socket:connect{host=, port=}: a non-blocking connect finished when the socket becomes writable.</summary>
internal sealed class ConnectOperation(KrakenSocket socket, EndPoint target) : SocketOperation(socket)
{
    private bool _started;

    protected override bool WaitsToWrite => true;

    protected override bool Progress()
    {
        var s = Socket.Socket!; // open: Attempt answers "closed" for a closed socket
        if (!_started)
        {
            _started = true;
            if (Socket.IsConnected || Socket.IsListening)
            {
                // connect(2) fails with EISCONN on both (.NET would throw for a listening socket)
                Results = [LuaValue.Nil, KrakenSocket.Describe(SocketError.IsConnected)];
                return true;
            }
            Socket.ConnectTarget = target;
            Socket.Watch();
            try
            {
                s.Connect(target);
                return Connected();
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress or SocketError.AlreadyInProgress)
            {
                return false;
            }
            catch (SocketException e)
            {
                Results = [LuaValue.Nil, KrakenSocket.Describe(e.SocketErrorCode)];
                return true;
            }
        }
        Span<byte> value = stackalloc byte[4];
        s.GetRawSocketOption(1 /* SOL_SOCKET */, 4 /* SO_ERROR */, value);
        int errno = BitConverter.ToInt32(value);
        if (errno != 0)
        {
            Results = [LuaValue.Nil, Marshal.GetPInvokeErrorMessage(errno).ToLowerInvariant()];
            return true;
        }
        if (!s.Poll(0, SelectMode.SelectWrite)) return false; // still connecting
        return Connected();
    }

    private bool Connected()
    {
        Socket.IsConnected = true;
        Results = [LuaValue.True];
        return true;
    }

    protected override LuaValue[] FailureResults(string error) => [LuaValue.Nil, error];
}
