print(os.time{year = 2000, month = 1, day = 1, hour = 12} - os.time{year = 2000, month = 1, day = 1, hour = 0})
print(os.time{year = 2020, month = 3, day = 1} - os.time{year = 2020, month = 2, day = 28})
print(type(os.time()), os.time{year = 2001, month = 13, day = 1} == os.time{year = 2002, month = 1, day = 1})
print(pcall(os.time, {year = 2000}))
