print(#{}, #{1}, #{1, 2, 3}, #{n = 1}, #"abc", #{1, 2, nil}, #{nil})
local t = {}
t[1] = 1; t[2] = 2; t[3] = 3
print(#t)
t[3] = nil
print(#t)
local u = {1, 2, 3, 4, 5}
u[5] = nil
print(#u)
local s = {}
for i = 1, 20 do s[i] = i end
print(#s)
