namespace LuaVm.Library.Os;

/// <summary>
/// A broken-down time (C's struct tm) on the proleptic Gregorian calendar, for any year an int
/// holds, as glibc's gmtime, localtime and mktime give it: .NET's DateTime stops at years 1 and
/// 9999, lua5.1 does not (os.date("!%Y", 1e12) is 33658).
/// </summary>
internal readonly struct CivilTime
{
    public long Year { get; init; }
    /// <summary>1 to 12.</summary>
    public int Month { get; init; }
    public int Day { get; init; }
    public int Hour { get; init; }
    public int Minute { get; init; }
    public int Second { get; init; }
    /// <summary>0 (Sunday) to 6.</summary>
    public int WeekDay { get; init; }
    /// <summary>1 to 366.</summary>
    public int YearDay { get; init; }
    public bool IsDst { get; init; }
    /// <summary>The instant this time shows (seconds since the epoch): what %s prints.</summary>
    public long Instant { get; init; }
    /// <summary>Seconds east of UTC: what %z prints.</summary>
    public int UtcOffset { get; init; }
    /// <summary>gmtime's times are "GMT"; localtime's are the zone's abbreviation.</summary>
    public bool Utc { get; init; }

    private const long SecondsPerDay = 86400;

    /// <summary>gmtime (<paramref name="utc"/>) or localtime: null where glibc fails (the year does not fit an int).</summary>
    public static CivilTime? FromInstant(long t, bool utc)
    {
        if (t > 1L << 60 || t < -(1L << 60)) return null; // beyond any int year, and keeps the arithmetic below from overflowing
        int offset = 0;
        bool dst = false;
        if (!utc) (offset, dst) = LocalZone(t);
        long local = t + offset;
        long days = FloorDiv(local, SecondsPerDay);
        long secondOfDay = local - days * SecondsPerDay;
        var (year, month, day) = FromDays(days);
        if (year - 1900 is < int.MinValue or > int.MaxValue) return null;
        return new CivilTime
        {
            Year = year, Month = month, Day = day,
            Hour = (int)(secondOfDay / 3600), Minute = (int)(secondOfDay / 60 % 60), Second = (int)(secondOfDay % 60),
            WeekDay = (int)FloorMod(days + 4, 7), // 1970-01-01 was a Thursday
            YearDay = (int)(days - ToDays(year, 1, 1)) + 1,
            IsDst = dst, Instant = t, UtcOffset = offset, Utc = utc,
        };
    }

    /// <summary>
    /// mktime: the instant of a local time whose fields may be out of range (they carry over, as
    /// glibc normalises them); <paramref name="tmYear"/> counts from 1900 as tm_year. Null where
    /// glibc's mktime returns -1 (the normalised year does not fit an int).
    /// </summary>
    /// <paramref name="isDst"/> is tm_isdst: negative lets the zone decide; otherwise a time said
    /// to be in daylight saving time when the zone is not (or the reverse) moves by the hour
    /// glibc moves it.
    public static long? ToInstant(int tmYear, int tmMonth, int day, int hour, int minute, int second, int isDst)
    {
        long year = 1900L + tmYear + FloorDiv(tmMonth, 12);
        int month = (int)FloorMod(tmMonth, 12) + 1;
        if (year - 1900 is < int.MinValue or > int.MaxValue) return null;
        long local = (ToDays(year, month, 1) + day - 1) * SecondsPerDay + hour * 3600L + minute * 60L + second;
        // the offset in force at that instant: found from the local time, then checked once more
        // at the instant it gives (the two differ only across a change of offset)
        long guess = local - LocalZone(local).Offset;
        var (offset, inDst) = LocalZone(guess);
        long instant = local - offset;
        if (isDst > 0 && !inDst) instant -= 3600;
        else if (isDst == 0 && inDst) instant += 3600;
        return instant;
    }

    /// <summary>The local zone's offset and daylight-saving flag at an instant (clamped to the range .NET's zone rules cover).</summary>
    private static (int Offset, bool Dst) LocalZone(long t)
    {
        var zone = TimeZoneInfo.Local;
        if (zone == TimeZoneInfo.Utc) return (0, false);
        var instant = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(t, -62135596800 + SecondsPerDay, 253402300799 - SecondsPerDay));
        return ((int)zone.GetUtcOffset(instant).TotalSeconds, zone.IsDaylightSavingTime(instant));
    }

    /// <summary>Days since 1970-01-01 of a date (Gregorian, any year; month 1-12, day 1-31).</summary>
    public static long ToDays(long year, int month, int day)
    {
        // March-based years put the leap day at the end, so every month's start is a formula
        long y = month <= 2 ? year - 1 : year;
        long era = FloorDiv(y, 400);
        long yearOfEra = y - era * 400;
        int marchMonth = month > 2 ? month - 3 : month + 9;
        long dayOfYear = (153 * marchMonth + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146097 + dayOfEra - 719468; // 719468: days from 0000-03-01 to 1970-01-01
    }

    /// <summary>The date of a day number (the inverse of <see cref="ToDays"/>).</summary>
    public static (long Year, int Month, int Day) FromDays(long days)
    {
        long z = days + 719468;
        long era = FloorDiv(z, 146097);
        long dayOfEra = z - era * 146097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int marchMonth = (int)((5 * dayOfYear + 2) / 153);
        int day = (int)(dayOfYear - (153 * marchMonth + 2) / 5 + 1);
        int month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9;
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day);
    }

    public static long FloorDiv(long a, long b) => a / b - (a % b != 0 && (a < 0) != (b < 0) ? 1 : 0);

    public static long FloorMod(long a, long b) => a - FloorDiv(a, b) * b;
}
