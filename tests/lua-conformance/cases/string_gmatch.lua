for w in string.gmatch("one two  three", "%a+") do io.write("[", w, "]") end print()
for k, v in string.gmatch("a=1, b=2, c=3", "(%w+)=(%w+)") do io.write(k, "->", v, " ") end print()
for pos in string.gmatch("abc", "()") do io.write(pos, " ") end print()
local n = 0
for _ in ("aaa"):gmatch("a*") do n = n + 1 end
print(n)
for w in string.gmatch("^a^b", "^%a") do io.write(w, ";") end print()
