local a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
local t = {1, 2, 3}
local i = 1
i, t[i] = i + 1, 20
print(i, t[1], t[2])
x, y = 1
print(x, y)
local function mr() return 1, 2, 3 end
local p, q, r, s = mr()
print(p, q, r, s)
p, q, r, s = 0, mr()
print(p, q, r, s)
p, q, r, s = mr(), 10
print(p, q, r, s)
