local p = newproxy(true)
local q = newproxy(p)
print(type(p), getmetatable(p) == getmetatable(q), getmetatable(newproxy(false)))
print(pcall(newproxy, {}))
