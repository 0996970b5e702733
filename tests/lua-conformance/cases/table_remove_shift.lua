local t = {"a", "b", "c", "d", "e"}
table.remove(t, 2)
print(table.concat(t, ""), #t)
table.remove(t, 1)
print(table.concat(t, ""), #t)
