local out = {}
for i = 10, 1, -3 do out[#out + 1] = i end
for i = 1, 0 do out[#out + 1] = "never" end
for i = 0.5, 2, 0.5 do out[#out + 1] = i end
print(table.concat(out, " "))
local n = 0
repeat local x = n; n = n + 1 until x >= 3
print(n)
print(pcall(function() for i = 1, 10, 0 do end end))
