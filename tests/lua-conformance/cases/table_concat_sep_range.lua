local t = {1, 2, 3, "x", 5}
print(table.concat(t))
print(table.concat(t, "-"))
print(table.concat(t, ", ", 2, 4))
print(table.concat(t, ", ", 4, 2) == "")
print(table.concat({}, "x"))
print(table.concat({1.5, 2e20, -0.25}, " "))
