-- concatenation errors name the offending operand
local function e(f) print(select(2, pcall(f))) end
local up
e(function() local a; return "x" .. a end)
e(function() return gnil .. "y" end)
e(function() local t = {}; return t.name .. "!" end)
e(function() return "u" .. up end)
e(function() local t = {}; return t .. "" end)
e(function() return "a" .. true end)
e(function() local a, b, c = "a", "b", nil; return a .. b .. c end)
e(function() local a, b, c = "a", {}, "c"; return a .. b .. c end)
e(function() return 1 .. 2 .. nil end)
e(function() local f = print; return f .. "x" end)
print(1 .. 2, "a" .. 1.5, -1 .. "")
