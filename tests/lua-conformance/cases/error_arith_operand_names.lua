-- arithmetic errors name the operand: local, global, field, upvalue, constant
local function e(f) print(select(2, pcall(f))) end
local up
e(function() local a; return a + 1 end)
e(function() return gnil * 2 end)
e(function() local t = {}; return t.f - 1 end)
e(function() return 1 / up end)
e(function() local t = {}; return t % 2 end)
e(function() local s = "abc"; return s ^ 2 end)
e(function() return -{} end)
e(function() local b = true; return -b end)
e(function() local t = {}; return t[1] + 1 end)
e(function() local t = {x = {}}; return t.x.y * 3 end)
e(function() return 2 + math.nothing end)
e(function() local a, b = 1, "x"; return a - b end)
e(function() local a = {}; return 10 + a end)
e(function() return ("10" + 1) + {} end)
e(function() local s = "1e1"; return s + false end)
