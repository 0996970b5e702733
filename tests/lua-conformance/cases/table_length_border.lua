local t = {1, 2, 3, nil, 5}
print(#t == 5 or #t == 3)
local u = {}
u[1] = 1; u[2] = 2; u[3] = 3
print(#u)
u[3] = nil
print(#u)
print(#{n = 1}, #{nil}, #{1, nil})
