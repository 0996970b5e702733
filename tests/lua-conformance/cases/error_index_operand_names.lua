-- indexing errors name the value: local, global, field, upvalue, method result
local function e(f) print(select(2, pcall(f))) end
local up
e(function() local a; return a.x end)
e(function() return gnil.x end)
e(function() local t = {}; return t.a.b end)
e(function() return up.x end)
e(function() up[1] = 2 end)
e(function() local a; a.x = 1 end)
e(function() local n = 5; return n.x end)
e(function() local b = false; return b[1] end)
e(function() return (nil).x end)
e(function() local t = {}; return t:get().x end)
e(function() local t = {f = function() end}; return t.f().x end)
e(function() return ("x").y.z end)
e(function() local t = {}; t.a.b.c = 1 end)
e(function() gnil[1] = 1 end)
