print(math.mod(7, 3), math.mod(-7, 3), math.mod == math.fmod)
