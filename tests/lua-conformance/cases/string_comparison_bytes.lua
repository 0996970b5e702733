print("a\0b" < "a\0c", "a" < "a\0", "\255" > "a", ("abc"):find("b", 1, true))
