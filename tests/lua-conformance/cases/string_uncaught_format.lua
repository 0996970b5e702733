print("before")
print(string.format("%d", "not a number"))
