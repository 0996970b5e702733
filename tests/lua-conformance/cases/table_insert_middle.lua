local t = {1, 2, 3, 4, 5}
table.insert(t, 3, 99)
print(table.concat(t, ","))
table.insert(t, 1, 0)
print(table.concat(t, ","))
