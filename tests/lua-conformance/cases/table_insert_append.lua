local t = {}
table.insert(t, "a"); table.insert(t, "b"); table.insert(t, 1, "z")
print(#t, t[1], t[2], t[3])
table.insert(t, #t + 1, "end")
print(#t, t[4])
