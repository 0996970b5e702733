print(string.char(65, 300))
