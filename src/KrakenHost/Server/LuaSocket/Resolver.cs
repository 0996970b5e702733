using System.Net;
using System.Net.Sockets;
using LuaVm.Runtime;

namespace KrakenHost.Server.LuaSocket;

/// <summary>LuaSocket's error words for errno values (its pierror.h), strerror's text for the others.</summary>
internal static class LuaSocketErrors
{
    public static string Text(int errno) => errno switch
    {
        98 => "address already in use",   // EADDRINUSE
        106 => "already connected",       // EISCONN
        13 => "permission denied",        // EACCES
        111 => "connection refused",      // ECONNREFUSED
        103 or 104 or 32 => "closed",     // ECONNABORTED, ECONNRESET, EPIPE
        110 => "timeout",                 // ETIMEDOUT
        _ => SocketCalls.StrError(errno),
    };

    /// <summary>getaddrinfo's errors in LuaSocket's words (socket_gaistrerror), from .NET's resolver errors.</summary>
    public static string Resolution(SocketError error) => error switch
    {
        SocketError.HostNotFound or SocketError.NoData => "host or service not provided, or not known",
        SocketError.TryAgain => "temporary failure in name resolution",
        SocketError.NoRecovery => "non-recoverable failure in name resolution",
        SocketError.AddressFamilyNotSupported => "ai_family not supported",
        _ => "host or service not provided, or not known",
    };

    /// <summary>gethostbyname's errors in LuaSocket's words (socket_hoststrerror: hstrerror's text but for "host not found").</summary>
    public static string Host(SocketError error) => error switch
    {
        SocketError.TryAgain => "Host name lookup failure",
        SocketError.NoRecovery => "Unknown server error",
        SocketError.NoData => "No address associated with name",
        _ => "host not found",
    };

    /// <summary>The message of a .NET socket error on a path that has no errno (socket creation, options).</summary>
    public static string Of(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.TooManyOpenSockets => SocketCalls.StrError(24), // EMFILE
        SocketError.AddressFamilyNotSupported => SocketCalls.StrError(97), // EAFNOSUPPORT
        SocketError.AccessDenied => "permission denied",
        _ => KrakenSocket.Describe(e.SocketErrorCode),
    };
}

/// <summary>
/// Name resolution that does not block the loop: the lookup runs on a thread-pool thread (the
/// system's resolver has no non-blocking interface), and its result is posted back to the loop
/// thread, which then continues the Lua call. The loop counts the lookup as pending work, so a
/// script's main chunk waiting for it keeps the loop turning. IP literals never leave the loop.
/// </summary>
internal static class Resolver
{
    /// <summary>
    /// Runs <paramref name="lookup"/> off the loop, then <paramref name="then"/> on the loop thread
    /// with its result (the lookups catch their own errors; anything else unexpected gives
    /// default(T), which every caller reads as "not found", rather than ending the process from a
    /// thread-pool thread).
    /// </summary>
    public static void Run<T>(EventLoop loop, Func<T> lookup, Action<T> then)
    {
        loop.BeginExternal();
        ThreadPool.UnsafeQueueUserWorkItem(_ =>
        {
            T result;
            try
            {
                result = lookup();
            }
            catch (Exception)
            {
                result = default!;
            }
            loop.Post(() =>
            {
                loop.EndExternal();
                then(result);
            });
        }, null);
    }

    /// <summary>The addresses of a host name or literal (getaddrinfo); null and an error in LuaSocket's words.</summary>
    public static IPAddress[]? Addresses(string host, out string? error)
    {
        error = null;
        if (IPAddress.TryParse(host, out var literal) && IsLiteral(host)) return [literal];
        if (host.Length == 0)
        {
            // Dns.GetHostAddresses("") would give this machine's addresses; getaddrinfo refuses it
            error = LuaSocketErrors.Resolution(SocketError.HostNotFound);
            return null;
        }
        try
        {
            var found = Dns.GetHostAddresses(host);
            if (found.Length == 0) error = LuaSocketErrors.Resolution(SocketError.HostNotFound);
            return found.Length == 0 ? null : found;
        }
        catch (SocketException e)
        {
            error = LuaSocketErrors.Resolution(e.SocketErrorCode);
        }
        catch (ArgumentException)
        {
            error = LuaSocketErrors.Resolution(SocketError.HostNotFound); // too long, or not a name at all
        }
        return null;
    }

    /// <summary>
    /// True for the text of an IP address as getaddrinfo reads one: IPAddress.TryParse also takes
    /// "1" or "1.2" (inet_aton's short forms), which getaddrinfo with AI_NUMERICHOST would too, but
    /// it refuses what is not a literal at all, so names like "10" go to the resolver the same way.
    /// </summary>
    public static bool IsLiteral(string host) => host.Length > 0 && (host.Contains(':') || host.All(c => c == '.' || char.IsAsciiDigit(c)));

    /// <summary>True when a host needs no lookup (a literal, or "*").</summary>
    public static bool IsImmediate(string host) => host == "*" || (IsLiteral(host) && IPAddress.TryParse(host, out _));

    /// <summary>A port or a TCP service name as getaddrinfo takes it; -1 when unknown.</summary>
    public static int Port(string service)
    {
        if (service.Length > 0 && service.All(char.IsAsciiDigit))
            return long.TryParse(service, out long n) && n <= 65535 ? (int)n : -1;
        return SocketCalls.ServicePort(service);
    }

    /// <summary>
    /// gethostbyname / gethostbyaddr for toip and tohostname: an IPv4 literal is looked up in
    /// reverse, a name forward (IPv4 addresses only, as gethostbyname gives). Null and an error in
    /// LuaSocket's words, else the canonical name, its aliases and its IPv4 addresses.
    /// </summary>
    public static (string Name, string[] Aliases, string[] Ips)? Host(string address, out string? error)
    {
        error = null;
        try
        {
            IPHostEntry entry;
            string[] ips;
            if (IPAddress.TryParse(address, out var literal) && literal.AddressFamily == AddressFamily.InterNetwork && IsLiteral(address))
            {
                entry = Dns.GetHostEntry(literal);
                ips = [literal.ToString()];
            }
            else
            {
                entry = Dns.GetHostEntry(address);
                var v4 = new List<string>();
                foreach (var a in entry.AddressList)
                    if (a.AddressFamily == AddressFamily.InterNetwork && !v4.Contains(a.ToString())) v4.Add(a.ToString());
                ips = [.. v4];
            }
            if (ips.Length == 0)
            {
                error = LuaSocketErrors.Host(SocketError.HostNotFound);
                return null;
            }
            return (entry.HostName, entry.Aliases, ips);
        }
        catch (SocketException e)
        {
            error = LuaSocketErrors.Host(e.SocketErrorCode);
        }
        catch (ArgumentException)
        {
            error = LuaSocketErrors.Host(SocketError.HostNotFound);
        }
        return null;
    }

    /// <summary>getnameinfo's host part: the name of an address, or its numeric form when it has none.</summary>
    public static string NameOf(IPAddress address)
    {
        try
        {
            return Dns.GetHostEntry(address).HostName;
        }
        catch (Exception e) when (e is SocketException or ArgumentException)
        {
            return address.ToString();
        }
    }
}

/// <summary>
/// A call whose answer needs a name lookup (socket.dns's functions): finished at once when the
/// answer needs none, otherwise the lookup runs off the loop and the call waits for it.
/// </summary>
internal sealed class LookupOperation<T>(EventLoop loop, Func<T> lookup, Func<T, LuaValue[]> answer, bool immediate) : IOperation
{
    private Action<LuaValue[]>? _done;
    private bool _finished, _started;

    public LuaValue[] Results { get; private set; } = [];

    public bool Attempt()
    {
        if (immediate)
        {
            Results = answer(lookup());
            return true;
        }
        if (!_started)
        {
            _started = true;
            Resolver.Run(loop, lookup, result =>
            {
                Results = answer(result);
                _finished = true;
                _done?.Invoke(Results);
            });
        }
        return _finished;
    }

    public bool Wait(Action<LuaValue[]> done)
    {
        _done = done;
        return true;
    }

    public LuaValue[] GiveUp(string error) => Results; // lookups are not socket waits: a timeout never applies
}
