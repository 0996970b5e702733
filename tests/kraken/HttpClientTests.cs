using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Kraken.Tests;

/// <summary>
/// socket.http against real servers in other processes: nginx (started by the test on a free port
/// with its own temporary folder) and kraken's examples/http.lua. The same client script runs under
/// lua5.1 with Debian's lua-socket (the reference) and under kraken, both on kraken's own
/// socket.http (package.path emptied) and on Debian's; all three must print the same.
/// </summary>
public sealed class HttpClientTests
{
    private const string Client = """
        local http = require("socket.http")
        local ltn12 = require("ltn12")
        local base = "http://127.0.0.1:" .. assert(arg[1])
        local function show(label, body, code, headers, status)
          print(label, body, code, status)
          if type(headers) == "table" then
            print("", headers["content-type"], headers["content-length"], headers["transfer-encoding"],
              headers.location and headers.location:gsub("%d+", "N"))
          end
        end
        if arg[2] == "nginx" then
          show("get", http.request(base .. "/hello"))
          show("static", http.request(base .. "/static.txt"))
          show("post", http.request(base .. "/form", "a=1"))
          show("redirect", http.request(base .. "/redirect"))
          local t = {}
          local ok, code, headers, status = http.request{url = base .. "/sub.txt", sink = ltn12.sink.table(t)}
          show("chunked", table.concat(t), code, headers, status)
          show("head", http.request{url = base .. "/static.txt", method = "HEAD"})
          local body, code = http.request(base .. "/nothing")
          show("missing", body:match("<title>(.-)</title>"), code)
        else
          for i = 1, 3 do show("get " .. i, http.request(base .. "/")) end
          show("post", http.request(base .. "/", "x=1"))
        end
        """;

    [NginxFact]
    public void SocketHttpTalksToNginx()
    {
        using var nginx = NginxServer.Start();
        Compare(nginx.Port, "nginx");
    }

    [ReferenceLuaSocketFact]
    public void SocketHttpTalksToKrakensHttpExample()
    {
        using var server = KrakenServerProcess.Start([KrakenProcess.RepoFile("examples/http.lua"), "0"], null);
        Compare(server.Port, "kraken");
    }

    private static void Compare(int port, string which)
    {
        string script = KrakenProcess.Script("http_client.lua", Client);
        var reference = RunLua51(script, port, which);
        var builtin = KrakenProcess.Run(["-e", "package.path = ''", script, port.ToString(), which], timeoutMs: 60000);
        Assert.True(builtin.ExitCode == 0, builtin.StdErr);
        Assert.Equal(reference, builtin.StdOut);
        var debian = KrakenProcess.Run([script, port.ToString(), which], timeoutMs: 60000);
        Assert.True(debian.ExitCode == 0, debian.StdErr);
        Assert.Equal(reference, debian.StdOut);
    }

    private static string RunLua51(string script, int port, string which)
    {
        var psi = new ProcessStartInfo("lua5.1") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { script, port.ToString(), which }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("lua5.1 did not finish");
        }
        Assert.True(p.ExitCode == 0, "lua5.1: " + stderr.Result);
        return stdout.Result;
    }

    /// <summary>lua5.1 with Debian's lua-socket, the reference for the client's output.</summary>
    internal static string? ReferenceMissing =>
        !File.Exists("/usr/bin/lua5.1") ? "lua5.1 is not installed (apt-get install lua5.1)"
        : !File.Exists("/usr/share/lua/5.1/socket/http.lua") ? "Debian's lua-socket is not installed (apt-get install lua-socket)"
        : null;
}

public sealed class ReferenceLuaSocketFactAttribute : FactAttribute
{
    public ReferenceLuaSocketFactAttribute()
    {
        if (HttpClientTests.ReferenceMissing is { } reason) Skip = reason;
    }
}

public sealed class NginxFactAttribute : FactAttribute
{
    public NginxFactAttribute()
    {
        if (NginxServer.Executable is null) Skip = "nginx is not installed (apt-get install nginx)";
        else if (HttpClientTests.ReferenceMissing is { } reason) Skip = reason;
    }
}

/// <summary>An nginx of a test: one process (no master, no daemon), 127.0.0.1 on a free port, its config, files and logs in a temporary folder; killed and removed on Dispose.</summary>
public sealed class NginxServer : IDisposable
{
    private readonly ServiceProcess _service;

    private NginxServer(ServiceProcess service, int port)
    {
        _service = service;
        Port = port;
    }

    public int Port { get; }

    public static string? Executable => new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists);

    public static NginxServer Start()
    {
        for (int attempt = 0; ; attempt++)
        {
            string folder = ServiceProcess.NewFolder("nginx");
            Directory.CreateDirectory(Path.Combine(folder, "www"));
            File.WriteAllText(Path.Combine(folder, "www", "static.txt"), "a small static file\n");
            File.WriteAllText(Path.Combine(folder, "www", "sub.txt"), "aaaa bbbb aaaa\n");
            int port = ServiceProcess.FreePort();
            // sub_filter changes the body, so nginx no longer knows its length: a chunked response
            File.WriteAllText(Path.Combine(folder, "nginx.conf"), $$"""
                worker_processes 1;
                daemon off;
                master_process off;
                pid {{folder}}/nginx.pid;
                error_log {{folder}}/error.log;
                events { worker_connections 64; }
                http {
                  access_log off;
                  server_tokens off;
                  client_body_temp_path {{folder}}/body;
                  proxy_temp_path {{folder}}/proxy;
                  fastcgi_temp_path {{folder}}/fastcgi;
                  uwsgi_temp_path {{folder}}/uwsgi;
                  scgi_temp_path {{folder}}/scgi;
                  server {
                    listen 127.0.0.1:{{port}};
                    root {{folder}}/www;
                    default_type text/plain;
                    location = /hello { return 200 "hello from nginx\n"; }
                    location = /redirect { return 302 /hello; }
                    location = /form { return 200 "got $request_method\n"; }
                    location = /sub.txt { sub_filter 'aaaa' 'xyz'; sub_filter_once off; sub_filter_types text/plain; }
                  }
                }
                """);
            var service = ServiceProcess.Start(Executable!, ["-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-e", Path.Combine(folder, "error.log")], folder);
            var server = new NginxServer(service, port);
            if (server.WaitUntilListening()) return server;
            server.Dispose();
            if (attempt == 2) throw new InvalidOperationException("nginx did not start");
        }
    }

    private bool WaitUntilListening()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !_service.HasExited)
        {
            try
            {
                using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                s.Connect(IPAddress.Loopback, Port);
                return true;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        return false;
    }

    public void Dispose() => _service.Dispose();
}
