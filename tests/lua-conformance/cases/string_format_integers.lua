print(string.format("%d %i %u %5d %-5d| %05d %+d %x %X %o %#x %#o", 42, -42, 42, 42, 42, 42, 42, 255, 255, 8, 255, 8))
print(string.format("%d", 3.99), string.format("%d", -3.99), string.format("%c%c%c", 76, 117, 97))
