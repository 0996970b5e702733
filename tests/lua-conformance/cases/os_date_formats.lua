local t = 1700000000
print(os.date("!%Y-%m-%d %H:%M:%S", t))
print(os.date("!%a %b %d %y %I %p %j %w %%", t))
print(os.date("!%c", t))
print(os.date("!%x %X %D %T %F %R", t))
local d = os.date("!*t", 0)
print(d.year, d.month, d.day, d.hour, d.wday, d.yday)
