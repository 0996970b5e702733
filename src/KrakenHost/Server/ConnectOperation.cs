using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using LuaVm.Runtime;

namespace KrakenHost.Server;

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
