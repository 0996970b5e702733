using Xunit;

namespace Kraken.Tests;

/// <summary>
/// Held sends (docs/server.md, "Pipelined requests"): while a connection's receive buffer still
/// holds unread requests, its responses are queued and leave together. Whatever happens next
/// (another read, a sleep, a close, an error), nothing is lost or reordered.
/// </summary>
public sealed class HeldSendTests
{
    private const string Listen = KrakenServerProcess.Listen;

    [Fact]
    public void PipelinedLinesAreAnsweredInOrder()
    {
        const string app = """
            kraken.registerApplication(function(c)
              while true do
                local line = c:receive()
                if not line then return end
                assert(c:send(line .. '\n'))
              end
            end)
            """;
        using var server = KrakenServerProcess.Start(KrakenProcess.Script("pipe.lua", app + Listen));
        using var client = server.Connect();
        var lines = Enumerable.Range(1, 500).Select(i => "line " + i + new string('x', i % 97)).ToList();
        client.Send(string.Join("\n", lines) + "\n");
        foreach (var line in lines) Assert.Equal(line, client.ReadLine());
    }

    [Fact]
    public void HeldBytesLeaveBeforeASleepAndBeforeAClose()
    {
        // two lines arrive together: the answer to the first is held (the second is unread), and
        // must still reach the client while the coroutine sleeps, and before the socket closes
        const string app = """
            kraken.registerApplication(function(c)
              local first = c:receive()
              assert(c:send('got ' .. first .. '\n'))
              kraken.sleep(60)
            end)
            kraken.spawn(function()
              local listener = kraken.socket()
              assert(listener:bind{host = '127.0.0.1', port = 0})
              assert(listener:listen())
              local _, port = listener:getsockname()
              io.stderr:write('second port ', port, '\n')
              local c = listener:accept()
              local first = c:receive()
              assert(c:send('bye ' .. first .. '\n'))
              c:close()
            end)
            """;
        using var server = KrakenServerProcess.Start(KrakenProcess.Script("held.lua", app + Listen));
        using (var client = server.Connect())
        {
            client.Send("one\ntwo\n");
            Assert.Equal("got one", client.ReadLine());
        }
        var match = System.Text.RegularExpressions.Regex.Match(server.WaitForStdErr("second port "), @"second port (\d+)");
        using var second = new KrakenServerProcess.Client(int.Parse(match.Groups[1].Value));
        second.Send("one\ntwo\n");
        Assert.Equal("bye one\n", second.ReadToEnd());
    }

    [Fact]
    public void PipelinedHttpRequestsGetEveryResponse()
    {
        using var server = KrakenServerProcess.Start([KrakenProcess.RepoFile("examples/http.lua"), "0"], null);
        using var client = server.Connect();
        const string request = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
        client.Send(string.Concat(Enumerable.Repeat(request, 100)) + "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        string all = client.ReadToEnd();
        Assert.Equal(101, System.Text.RegularExpressions.Regex.Matches(all, "HTTP/1.1 200 OK\r\n").Count);
        Assert.Equal(101, System.Text.RegularExpressions.Regex.Matches(all, "\r\n\r\nHello, world!\n").Count);
    }

}
