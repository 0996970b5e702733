print(string.byte("ABC"), string.byte("ABC", 2), string.byte("ABC", 1, -1), string.byte("ABC", 10))
print(string.char(72, 105), string.char(), #string.char(0, 255))
print(pcall(string.char, 256))
print(pcall(string.char, -1))
