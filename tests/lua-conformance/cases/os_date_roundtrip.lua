local t = os.date("*t", 1000000000)
print(os.time(t) == 1000000000)
local u = os.date("*t")
print(type(u.year), type(u.isdst))
