print(tonumber("ff", 16), tonumber("FF", 16), tonumber("777", 8), tonumber("z", 36), tonumber("101", 2))
print(tonumber("8", 8), tonumber("  12  "), tonumber("0x1p4"), tonumber("1e2"), tonumber(""), tonumber(" "))
print(tonumber("10", 10), tonumber(" -ff ", 16), tonumber("1.5", 10))
print(pcall(tonumber, "10", 1), pcall(tonumber, "10", 37))
