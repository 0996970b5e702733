-- userdata still alive when the program ends are finalized at close, newest first
local u1 = newproxy(true)
getmetatable(u1).__gc = function() print("gc u1 at close") end
local u2 = newproxy(true)
getmetatable(u2).__gc = function() print("gc u2 at close") end
keep = {u1, u2}
local tmp = newproxy(true)
getmetatable(tmp).__gc = function() print("gc tmp during collect") end
tmp = nil
collectgarbage()
print("end of script")
