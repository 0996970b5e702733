print(pcall(math.floor, "x"))
print(pcall(math.sqrt))
print(pcall(math.abs, {}))
print(math.floor("3.5"), math.abs("-2"))
