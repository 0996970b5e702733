for w in ("one two  three"):gmatch("%a+") do io.write(w, ";") end
print()
for k, v in ("a=1,b=2,c=3"):gmatch("(%w)=(%d)") do io.write(k, v, " ") end
print()
local n = 0
for _ in ("aaa"):gmatch("") do n = n + 1 end
print(n)
