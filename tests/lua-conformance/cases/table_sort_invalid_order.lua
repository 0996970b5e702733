local t = {}
for i = 1, 100 do t[i] = (i * 37) % 101 end
local ok, err = pcall(table.sort, t, function(a, b) return true end)
print(ok, err)
