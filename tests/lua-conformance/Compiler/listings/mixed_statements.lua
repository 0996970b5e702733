local a, b = 1, 2
local c = a + b * 3 - (a / b) ^ 2 % 4
print(c, a .. b .. "x", -a, not b, #"abc")
local t = {1, 2, 3, x = 1, [a] = b, f(), ...}
t.y = t.x and t[1] or t[2]
if a < b and b <= c or c > 3 then print("yes") elseif a == b then print("eq") else print("no") end
while a < 10 do a = a + 1 if a == 5 then break end end
repeat local z = a; a = a - 1 until z < 3
for i = 1, 10, 2 do print(i) end
for k, v in pairs(t) do print(k, v) end
local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
function g(x, ...) local y = select('#', ...); return x, y, ... end
local obj = {}
function obj:method(p) return self, p end
obj:method(1)
local up = 0
local function inc() up = up + 1; return up end
return fact(5), g(1, 2, 3)
