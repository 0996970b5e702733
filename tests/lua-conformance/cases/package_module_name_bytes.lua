-- module() builds its nested tables from the name's bytes, whatever they are
local f = loadstring("module('caf\\195\\169.x\\255') y = 1")
f()
local t = _G["caf\195\169"]
print(type(t), t["x\255"].y, t["x\255"]._NAME == "caf\195\169.x\255", #t["x\255"]._NAME)
