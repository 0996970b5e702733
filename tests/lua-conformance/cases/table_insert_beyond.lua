local t = {1, 2}
table.insert(t, 10, "x")
print(t[10], #t == 2 or #t == 10)
