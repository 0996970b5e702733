local function add(a, b) return a + b end
local dumped = string.dump(add)
print(type(dumped), dumped:sub(1, 4) == "\27Lua")
local back = loadstring(dumped)
print(back(2, 3))
print(pcall(string.dump, print))
