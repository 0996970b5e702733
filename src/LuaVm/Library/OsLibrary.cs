using System.Diagnostics;
using System.Globalization;
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
            ("date", Date), ("difftime", call => call.Return(call.CheckNumber(1) - call.OptNumber(2, 0))),
            ("getenv", call => call.Return(Environment.GetEnvironmentVariable(call.CheckString(1).ToString()) is string v ? LuaString.FromUtf8(v) : LuaValue.Nil)),
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
                return call.Return(path);
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

    private static int FileResult(CallContext call, string name, Action action)
    {
        try
        {
            if (!File.Exists(name) && !Directory.Exists(name)) return call.Return(LuaValue.Nil, $"{name}: No such file or directory", 2);
            action();
            return call.Return(LuaValue.True);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return call.Return(LuaValue.Nil, $"{name}: {e.Message}", 5);
        }
    }

    private static int Remove(CallContext call)
    {
        string name = call.CheckString(1).ToString();
        return FileResult(call, name, () =>
        {
            if (Directory.Exists(name)) Directory.Delete(name);
            else File.Delete(name);
        });
    }

    private static int Rename(CallContext call)
    {
        string from = call.CheckString(1).ToString(), to = call.CheckString(2).ToString();
        return FileResult(call, from, () => File.Move(from, to, overwrite: true));
    }

    private static int Execute(CallContext call)
    {
        if (call.IsNoneOrNil(1)) return call.Return(1);
        call.State.StdOut.Flush();
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(call.CheckString(1).ToString());
        using var p = Process.Start(psi)!;
        p.WaitForExit();
        return call.Return(p.ExitCode * 256); // the raw wait status, as system() returns it
    }

    /// <summary>Only the "C" locale exists here (also named "POSIX" or ""): others give nil, as an unknown locale does in C.</summary>
    private static int SetLocale(CallContext call)
    {
        var locale = call.OptString(1, null)?.ToString();
        call.CheckOption(2, "all", "all", "collate", "ctype", "monetary", "numeric", "time");
        return call.Return(locale is null or "" or "C" or "POSIX" ? "C" : LuaValue.Nil);
    }

    private static int Time(CallContext call)
    {
        if (call.IsNoneOrNil(1)) return call.Return(Math.Floor(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0));
        var t = call.CheckTable(1);
        int Field(string key, int? def)
        {
            var v = t.Get(key);
            if (v.IsNil)
            {
                if (def is null) throw call.Error($"field '{key}' missing in date table");
                return def.Value;
            }
            return (int)CallContext.ToInteger(v.TryToNumber(out double d) ? d : 0);
        }
        int sec = Field("sec", 0), min = Field("min", 0), hour = Field("hour", 12);
        int day = Field("day", null), month = Field("month", null), year = Field("year", null);
        var local = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Local).AddMonths(month - 1).AddDays(day - 1)
            .AddHours(hour).AddMinutes(min).AddSeconds(sec);
        return call.Return((double)new DateTimeOffset(local).ToUnixTimeSeconds());
    }

    private static int Date(CallContext call)
    {
        string format = call.OptString(1, LuaString.FromLatin1("%c"))!.ToString();
        double time = call.IsNoneOrNil(2) ? DateTimeOffset.UtcNow.ToUnixTimeSeconds() : call.CheckNumber(2);
        bool utc = format.StartsWith('!');
        if (utc) format = format[1..];
        var instant = DateTimeOffset.FromUnixTimeSeconds((long)time);
        var d = utc ? instant.UtcDateTime : instant.LocalDateTime;
        if (format.StartsWith("*t"))
        {
            var t = new LuaTable(0, 9);
            t.Set("year", d.Year);
            t.Set("month", d.Month);
            t.Set("day", d.Day);
            t.Set("hour", d.Hour);
            t.Set("min", d.Minute);
            t.Set("sec", d.Second);
            t.Set("wday", (int)d.DayOfWeek + 1);
            t.Set("yday", d.DayOfYear);
            t.Set("isdst", !utc && TimeZoneInfo.Local.IsDaylightSavingTime(d));
            return call.Return(t);
        }
        return call.Return(StrFTime(format, d, utc));
    }

    /// <summary>C's strftime in the "C" locale, for the conversions glibc supports.</summary>
    private static string StrFTime(string format, DateTime d, bool utc)
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                sb.Append(format[i]);
                continue;
            }
            char c = format[++i];
            sb.Append(c switch
            {
                'a' => d.ToString("ddd", ci),
                'A' => d.ToString("dddd", ci),
                'b' or 'h' => d.ToString("MMM", ci),
                'B' => d.ToString("MMMM", ci),
                'c' => d.ToString("ddd MMM ", ci) + d.Day.ToString(ci).PadLeft(2) + d.ToString(" HH:mm:ss yyyy", ci),
                'C' => (d.Year / 100).ToString("00", ci),
                'd' => d.ToString("dd", ci),
                'D' => d.ToString("MM/dd/yy", ci),
                'e' => d.Day.ToString(ci).PadLeft(2),
                'F' => d.ToString("yyyy-MM-dd", ci),
                'H' => d.ToString("HH", ci),
                'I' => d.ToString("hh", ci),
                'j' => d.DayOfYear.ToString("000", ci),
                // week of the year, weeks starting on Sunday (%U) or Monday (%W); days before the first are week 0
                'U' => ((d.DayOfYear + 6 - (int)d.DayOfWeek) / 7).ToString("00", ci),
                'W' => ((d.DayOfYear + 6 - ((int)d.DayOfWeek + 6) % 7) / 7).ToString("00", ci),
                'm' => d.ToString("MM", ci),
                'M' => d.ToString("mm", ci),
                'n' => "\n",
                'p' => d.Hour < 12 ? "AM" : "PM",
                'r' => d.ToString("hh:mm:ss ", ci) + (d.Hour < 12 ? "AM" : "PM"),
                'R' => d.ToString("HH:mm", ci),
                's' => new DateTimeOffset(d).ToUnixTimeSeconds().ToString(ci),
                'S' => d.ToString("ss", ci),
                't' => "\t",
                'T' => d.ToString("HH:mm:ss", ci),
                'u' => (d.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)d.DayOfWeek).ToString(ci),
                'w' => ((int)d.DayOfWeek).ToString(ci),
                'x' => d.ToString("MM/dd/yy", ci),
                'X' => d.ToString("HH:mm:ss", ci),
                'y' => d.ToString("yy", ci),
                'Y' => d.Year.ToString(ci),
                'z' => utc ? "+0000" : d.ToString("zzz", ci).Replace(":", ""),
                'Z' => utc ? "GMT" : TimeZoneInfo.Local.StandardName,
                '%' => "%",
                _ => "%" + c,
            });
        }
        return sb.ToString();
    }
}
