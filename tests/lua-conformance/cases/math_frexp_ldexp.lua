for _, x in ipairs{1, 8, 0.5, 3, -10, 0, 1e-310, 2^100} do print(x, math.frexp(x)) end
print(math.ldexp(0.5, 4), math.ldexp(1, -1), math.ldexp(3, 10), math.ldexp(-0.75, 2))
