-- os.date and os.time beyond the years .NET's DateTime covers, as glibc computes them
print(os.date("!%Y-%m-%d %H:%M:%S", 1e12))
print(os.date("!%Y-%m-%d", -1e11), os.date("!%c", -62135596801))
local epoch = os.time{year = 1970, month = 1, day = 1, hour = 0}
-- offsets from the epoch's local time, so the zone does not matter
print(os.time{year = 10000, month = 1, day = 1, hour = 0} - epoch)
print(os.time{year = 0, month = 1, day = 1, hour = 0} - epoch)
print(os.time{year = -5, month = 3, day = 1, hour = 0} - epoch)
print(os.time{year = 2000, month = 1, day = 1, hour = 1e15} - epoch)
print(os.time{year = 2000, month = -5, day = -400, hour = -30, min = -100, sec = -5000} - epoch)
print(os.time{year = 2000, month = 14, day = 0, hour = 25, min = 61, sec = 61} - epoch)
-- fields that are not numbers count as missing
print(pcall(os.time, {year = "2000", month = "1", day = "x"}))
print(pcall(os.time, {year = 2000, month = {}, day = 1}))
print(os.time{year = "2000", month = "2", day = "3", hour = "4"} - epoch)
-- times gmtime cannot represent give nil
print(os.date("!%Y", 2^62), os.date("!%Y", -2^62), os.date("!%Y", 1e300), os.date("!%Y", 0/0), os.date("!*t", 2^62))
-- *t beyond year 9999
local t = os.date("!*t", 1e12)
print(t.year, t.month, t.day, t.hour, t.min, t.sec, t.wday, t.yday, t.isdst)
t = os.date("!*t", -1e10)
print(t.year, t.month, t.day, t.hour, t.min, t.sec, t.wday, t.yday, t.isdst)
-- "*t" only when it is the whole format
print(os.date("!*tx", 0), os.date("!x*t", 0))
