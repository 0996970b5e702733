for _, v in ipairs{3333333333333, 2^31, -2^31, 2^31 - 1, 0/0, 1/0, 65, 321} do io.write(string.format("%c", v):byte() or "none", " ") end print()
