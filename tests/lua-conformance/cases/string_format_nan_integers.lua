local n = 0/0; print(string.format("%d %x %o %X %i %u", n, n, n, n, n, n)); print(string.format("%d %x", -0/0, 1/0)); print(string.format("%d %x", -1/0, -1/0))
