local s = string.rep("ab", 100000)
print(#s, s:sub(1, 6), s:sub(-4))
local parts = {}
for i = 1, 1000 do parts[i] = string.rep("x", i % 10) end
print(#table.concat(parts))
print(#string.rep("abc", 3, ","))
