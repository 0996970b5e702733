local t = {10, 20, 30, 40}
print(table.remove(t), #t)
print(table.remove(t, 1), #t, t[1])
print(table.remove(t, #t), #t)
print(table.remove({}), table.remove({}, 1))
