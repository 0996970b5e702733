print(string.byte("y", -3)); print(string.byte("abc", -5)); print(string.byte("abc", -5, 2)); print(string.byte("abc", 0))
