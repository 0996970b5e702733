local words = {"b", "a", "B", "A", "aa", "", "a\0b", "a\0a"}
table.sort(words)
for _, w in ipairs(words) do io.write(string.format("%q ", w)) end print()
print("a" < "aa", "a\0" > "a", "Z" < "a", "10" < "9")
