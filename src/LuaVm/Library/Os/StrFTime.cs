using System.Globalization;
using System.Text;
using LuaVm.Runtime;

namespace LuaVm.Library.Os;

/// <summary>
/// os.date's conversions: glibc's strftime in the "C" locale, one "%c" pair at a time as
/// loslib.c hands them over (so flags and widths such as "%-d" are not conversions: glibc gives
/// back "%-" and the "d" stays text, exactly what lua5.1 prints).
/// </summary>
internal static class StrFTime
{
    private static readonly string[] Days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static LuaString Format(LuaString format, int start, in CivilTime t)
    {
        var bytes = format.Span;
        var output = new StringBuilder(bytes.Length * 2);
        for (int i = start; i < bytes.Length; i++)
        {
            if (bytes[i] != '%' || i + 1 >= bytes.Length)
            {
                output.Append((char)bytes[i]);
                continue;
            }
            Convert(output, (char)bytes[++i], t);
        }
        return LuaString.FromLatin1(output.ToString());
    }

    private static void Convert(StringBuilder o, char c, in CivilTime t)
    {
        var ci = CultureInfo.InvariantCulture;
        int hour12 = t.Hour % 12 == 0 ? 12 : t.Hour % 12;
        switch (c)
        {
            case 'a': o.Append(Days[t.WeekDay], 0, 3); break;
            case 'A': o.Append(Days[t.WeekDay]); break;
            case 'b' or 'h': o.Append(Months[t.Month - 1], 0, 3); break;
            case 'B': o.Append(Months[t.Month - 1]); break;
            case 'c': Convert(o, 'a', t); o.Append(' '); Convert(o, 'b', t); o.Append(' '); Convert(o, 'e', t); o.Append(' '); Convert(o, 'T', t); o.Append(' '); Convert(o, 'Y', t); break;
            case 'C': o.Append(CivilTime.FloorDiv(t.Year, 100).ToString(ci)); break;
            case 'd': Two(o, t.Day); break;
            case 'D' or 'x': Two(o, t.Month); o.Append('/'); Two(o, t.Day); o.Append('/'); Convert(o, 'y', t); break;
            case 'e': Spaced(o, t.Day); break;
            case 'F': Convert(o, 'Y', t); o.Append('-'); Two(o, t.Month); o.Append('-'); Two(o, t.Day); break;
            case 'g': IsoWeek(t, out long shortYear); Two(o, (int)CivilTime.FloorMod(shortYear, 100)); break;
            case 'G': IsoWeek(t, out long year); o.Append(year.ToString(ci)); break;
            case 'H': Two(o, t.Hour); break;
            case 'I': Two(o, hour12); break;
            case 'j': o.Append(t.YearDay.ToString("000", ci)); break;
            case 'k': Spaced(o, t.Hour); break;
            case 'l': Spaced(o, hour12); break;
            case 'm': Two(o, t.Month); break;
            case 'M': Two(o, t.Minute); break;
            case 'n': o.Append('\n'); break;
            case 'p': o.Append(t.Hour < 12 ? "AM" : "PM"); break;
            case 'P': o.Append(t.Hour < 12 ? "am" : "pm"); break;
            case 'r': Convert(o, 'I', t); o.Append(':'); Two(o, t.Minute); o.Append(':'); Two(o, t.Second); o.Append(' '); Convert(o, 'p', t); break;
            case 'R': Two(o, t.Hour); o.Append(':'); Two(o, t.Minute); break;
            case 's': o.Append(t.Instant.ToString(ci)); break;
            case 'S': Two(o, t.Second); break;
            case 't': o.Append('\t'); break;
            case 'T' or 'X': Two(o, t.Hour); o.Append(':'); Two(o, t.Minute); o.Append(':'); Two(o, t.Second); break;
            case 'u': o.Append(t.WeekDay == 0 ? '7' : (char)('0' + t.WeekDay)); break;
            // weeks starting on Sunday (%U) or Monday (%W); the days before the first are week 0
            case 'U': Two(o, (t.YearDay + 6 - t.WeekDay) / 7); break;
            case 'V': Two(o, IsoWeek(t, out _)); break;
            case 'w': o.Append((char)('0' + t.WeekDay)); break;
            case 'W': Two(o, (t.YearDay + 6 - (t.WeekDay + 6) % 7) / 7); break;
            case 'y': Two(o, (int)CivilTime.FloorMod(t.Year, 100)); break;
            case 'Y': o.Append(t.Year.ToString(ci)); break;
            case 'z':
                int minutes = Math.Abs(t.UtcOffset) / 60;
                o.Append(t.UtcOffset < 0 ? '-' : '+'); Two(o, minutes / 60); Two(o, minutes % 60);
                break;
            case 'Z': o.Append(t.Utc ? "GMT" : ZoneName(t.IsDst)); break;
            case '%': o.Append('%'); break;
            // a width with nothing after it: glibc copies "%N", padded to N characters
            case >= '1' and <= '9': o.Append(' ', Math.Max(0, c - '0' - 2)).Append('%').Append(c); break;
            default: o.Append('%').Append(c); break; // not a conversion: glibc copies it
        }
    }

    private static void Two(StringBuilder o, int n) => o.Append((char)('0' + n / 10 % 10)).Append((char)('0' + n % 10));

    private static void Spaced(StringBuilder o, int n) => o.Append(n < 10 ? ' ' : (char)('0' + n / 10)).Append((char)('0' + n % 10));

    /// <summary>
    /// ISO 8601 week number (weeks start on Monday; week 1 holds the year's first Thursday) and
    /// the year it belongs to, which differs from the calendar year in the first and last days.
    /// </summary>
    private static int IsoWeek(in CivilTime t, out long isoYear)
    {
        int isoWeekDay = (t.WeekDay + 6) % 7 + 1; // Monday 1 ... Sunday 7
        int week = (t.YearDay - isoWeekDay + 10) / 7;
        isoYear = t.Year;
        if (week < 1)
        {
            isoYear--;
            return WeeksIn(isoYear);
        }
        if (week > WeeksIn(t.Year))
        {
            isoYear++;
            return 1;
        }
        return week;
    }

    /// <summary>53 when the year starts on a Thursday, or on a Wednesday in a leap year; 52 otherwise.</summary>
    private static int WeeksIn(long year)
    {
        long jan1 = CivilTime.FloorMod(CivilTime.ToDays(year, 1, 1) + 4, 7);
        bool leap = CivilTime.ToDays(year + 1, 1, 1) - CivilTime.ToDays(year, 1, 1) == 366;
        return jan1 == 4 || (leap && jan1 == 3) ? 53 : 52;
    }

    /// <summary>
    /// The local zone's abbreviation as glibc prints it. .NET gives zone names, not abbreviations:
    /// UTC zones print "UTC"; otherwise the standard or daylight name.
    /// </summary>
    private static string ZoneName(bool dst)
    {
        var zone = TimeZoneInfo.Local;
        if (zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime) return "UTC";
        return dst ? zone.DaylightName : zone.StandardName;
    }
}
