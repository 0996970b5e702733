local l = debug.getinfo(1, "l").currentline; function y () C=C+1; y() end
C = 0
local l1
local function g()
  l1 = debug.getinfo(1, "l").currentline; y()
end
local _, stackmsg = xpcall(g, debug.traceback)
print(stackmsg)
