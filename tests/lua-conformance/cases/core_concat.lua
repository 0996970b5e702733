local a, b = "x", "y"
print(a .. b, a .. 1 .. b, 1 .. 2, 1.5 .. "", "a" .. "b" .. "c" .. "d")
local t = {}
for i = 1, 10 do t[#t + 1] = i .. "" end
print(table.concat(t, "-"))
print(("abc"):len(), #"hello", #"")
