local t = os.date("!*t", 86400 * 365 + 3661)
print(t.year, t.month, t.day, t.hour, t.min, t.sec, t.wday, t.yday, t.isdst)
