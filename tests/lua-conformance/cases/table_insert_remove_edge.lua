local t = {}
table.insert(t, "a")
table.insert(t, 1, "b")
table.insert(t, 3, "c")
print(table.concat(t, ","), #t)
print(table.remove(t, 1), table.concat(t, ","))
print(table.remove(t, #t), table.concat(t, ","))
local e = {}
print(table.remove(e), #e)
local big = {}
for i = 1, 100 do table.insert(big, i) end
for i = 1, 50 do table.remove(big, 1) end
print(#big, big[1], big[50])
