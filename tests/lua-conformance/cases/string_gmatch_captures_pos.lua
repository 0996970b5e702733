for a, b in string.gmatch("abcd", "()(.)") do io.write(a, b, " ") end print()
for a in string.gmatch("one two", "%a+()") do io.write(a, " ") end print()
local n = 0 for _ in string.gmatch(string.rep("x", 1000), "x") do n = n + 1 end print(n)
