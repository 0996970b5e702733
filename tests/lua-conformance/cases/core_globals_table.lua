newglobal = 10
print(_G.newglobal, _G["newglobal"])
_G.other = 20
print(other)
local count = 0
for k, v in pairs(_G) do if k == "newglobal" or k == "other" then count = count + 1 end end
print(count)
setmetatable(_G, {__index = function(_, k) return "missing:" .. k end})
print(undefined_var)
setmetatable(_G, nil)
print(undefined_var)
