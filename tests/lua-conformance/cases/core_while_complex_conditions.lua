local a, b, i = 1, 10, 0
while a < b and not (a == 5) or i < 0 do a = a + 1; i = i + 1 end
print(a, i)
local x = 0
while (x < 3 and true) ~= false do x = x + 1 end
print(x)
