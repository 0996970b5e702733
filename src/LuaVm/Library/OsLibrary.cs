using System.Diagnostics;
using LuaVm.Runtime;

namespace LuaVm.Library;

/// <summary>The os library of Lua 5.1 (loslib.c).</summary>
public static class OsLibrary
{
    /// <summary>Opens the library into the state.</summary>
    public static void Open(LuaState state)
    {
        StandardLibraries.Register(state, "os",
            ("time", Time), ("clock", call => call.Return(Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds)),
            ("date", Date), ("difftime", DiffTime),
            ("getenv", call => call.Return(Environment.GetEnvironmentVariable(Io.OsStrings.ToOs(call.CheckString(1).ToLatin1String())) is string v ? LuaString.FromUtf8(v) : LuaValue.Nil)),
            ("exit", Exit), ("remove", Remove), ("rename", Rename), ("tmpname", TmpName),
            ("execute", Execute), ("setlocale", SetLocale));
    }

    /// <summary>A new empty file named like lua5.1's (mkstemp's "/tmp/lua_XXXXXX": no dot, so require can load it).</summary>
    private static int TmpName(CallContext call)
    {
        const string letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        for (int attempt = 0; attempt < 100; attempt++)
        {
            var suffix = new char[6];
            for (int i = 0; i < suffix.Length; i++) suffix[i] = letters[Random.Shared.Next(letters.Length)];
            string path = "/tmp/lua_" + new string(suffix);
            try
            {
                using (new FileStream(path, FileMode.CreateNew, FileAccess.Write)) { }
                return call.Return(LuaString.FromUtf8(path)); // a name from the OS: its UTF-8 bytes, as Io.OsStrings.FromOs
            }
            catch (IOException)
            {
                // taken: try another name
            }
        }
        throw call.Error("unable to generate a unique filename");
    }

    private static int Exit(CallContext call)
    {
        call.State.StdOut.Flush();
        throw new LuaExitException((int)call.OptInteger(1, 0));
    }

    /// <summary>luaL_fileresult: true, or nil, "name: strerror" and errno (<paramref name="name"/> is the Lua string's bytes, <paramref name="path"/> what the OS is given).</summary>
    private static int FileResult(CallContext call, string name, string path, Action action)
    {
        try
        {
            if (!File.Exists(path) && !Directory.Exists(path)) return call.Return(LuaValue.Nil, LuaString.FromLatin1($"{name}: No such file or directory"), 2);
            action();
            return call.Return(LuaValue.True);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            int errno = Io.OsError.Of(e, path);
            return call.Return(LuaValue.Nil, LuaString.FromLatin1($"{name}: {Io.OsError.Text(errno)}"), errno);
        }
    }

    private static int Remove(CallContext call)
    {
        string name = call.CheckString(1).ToLatin1String();
        string path = Io.OsStrings.ToOs(name);
        return FileResult(call, name, path, () =>
        {
            if (Directory.Exists(path)) Directory.Delete(path);
            else File.Delete(path);
        });
    }

    private static int Rename(CallContext call)
    {
        string from = call.CheckString(1).ToLatin1String(), to = call.CheckString(2).ToLatin1String();
        string path = Io.OsStrings.ToOs(from);
        return FileResult(call, from, path, () => File.Move(path, Io.OsStrings.ToOs(to), overwrite: true));
    }

    private static int Execute(CallContext call)
    {
        if (call.IsNoneOrNil(1)) return call.Return(1);
        call.State.StdOut.Flush();
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(Io.OsStrings.ToOs(call.CheckString(1).ToLatin1String()));
        using var p = Process.Start(psi)!;
        p.WaitForExit();
        return call.Return(p.ExitCode * 256); // the raw wait status, as system() returns it
    }

    /// <summary>Only the "C" locale exists here (also named "POSIX" or ""): others give nil, as an unknown locale does in C.</summary>
    private static int SetLocale(CallContext call)
    {
        var locale = call.OptString(1, null)?.ToLatin1String();
        call.CheckOption(2, "all", "all", "collate", "ctype", "monetary", "numeric", "time");
        return call.Return(locale is null or "" or "C" or "POSIX" ? "C" : LuaValue.Nil);
    }

    /// <summary>
    /// difftime((time_t)t1, (time_t)t0): both truncated to whole seconds first, as loslib.c casts
    /// them; lua5.1's build checks the second argument first (C leaves the order to the compiler).
    /// </summary>
    private static int DiffTime(CallContext call)
    {
        long t0 = CallContext.ToInteger(call.OptNumber(2, 0));
        long t1 = CallContext.ToInteger(call.CheckNumber(1));
        return call.Return((double)t1 - t0);
    }

    private static int Time(CallContext call)
    {
        if (call.IsNoneOrNil(1)) return call.Return(Math.Floor(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0));
        var t = call.CheckTable(1);
        // loslib.c's getfield: a field that is not a number counts as missing; values go
        // through C's (int) conversion, and tm_year = year - 1900 wraps as an int does
        int Field(string key, int? def)
        {
            var v = Vm.Metamethods.Index(call.Thread, t, LuaString.Shared(key), -1);
            if (!v.TryToNumber(out double d))
                return def ?? throw call.ErrorLatin1($"field '{key}' missing in date table");
            return unchecked((int)CallContext.ToInteger(d));
        }
        int sec = Field("sec", 0), min = Field("min", 0), hour = Field("hour", 12);
        int day = Field("day", null), month = Field("month", null), year = Field("year", null);
        var isDst = Vm.Metamethods.Index(call.Thread, t, LuaString.Shared("isdst"), -1); // getboolfield: nil is -1
        var instant = Os.CivilTime.ToInstant(unchecked(year - 1900), unchecked(month - 1), day, hour, min, sec,
            isDst.IsNil ? -1 : isDst.IsTruthy ? 1 : 0);
        return instant is long seconds ? call.Return((double)seconds) : call.Return(LuaValue.Nil);
    }

    private static int Date(CallContext call)
    {
        var format = call.OptString(1, DefaultDateFormat)!;
        long time = call.IsNoneOrNil(2) ? DateTimeOffset.UtcNow.ToUnixTimeSeconds() : CallContext.ToInteger(call.CheckNumber(2));
        bool utc = format.Length > 0 && format.Bytes[0] == '!';
        if (Os.CivilTime.FromInstant(time, utc) is not { } d) return call.Return(LuaValue.Nil); // gmtime/localtime failed
        int start = utc ? 1 : 0;
        if (format.Length == start + 2 && format.Bytes[start] == '*' && format.Bytes[start + 1] == 't') // strcmp(s, "*t")
        {
            var t = new LuaTable(0, 9);
            t.Set("sec", d.Second);
            t.Set("min", d.Minute);
            t.Set("hour", d.Hour);
            t.Set("day", d.Day);
            t.Set("month", d.Month);
            t.Set("year", (double)d.Year);
            t.Set("wday", d.WeekDay + 1);
            t.Set("yday", d.YearDay);
            t.Set("isdst", d.IsDst);
            return call.Return(t);
        }
        return call.Return(Os.StrFTime.Format(format, start, d));
    }

    private static readonly LuaString DefaultDateFormat = LuaString.Shared("%c");
}
