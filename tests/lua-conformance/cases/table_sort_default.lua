local t = {5, 2, 8, 1, 9, 3, 7, 4, 6, 0}
table.sort(t)
print(table.concat(t, " "))
local s = {"pear", "apple", "fig", "banana", "Cherry"}
table.sort(s)
print(table.concat(s, " "))
