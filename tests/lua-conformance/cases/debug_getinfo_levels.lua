-- getinfo with levels: names, namewhat, currentline of active functions
local function report(level)
  local i = debug.getinfo(level + 1, "nSl")
  if not i then print(level, "no function") return end
  print(level, i.name, i.namewhat, i.what, i.currentline, i.short_src)
end
local function leaf()
  for l = 0, 4 do report(l) end
end
local t = {}
function t.field() leaf() end
function t:method() t.field() end
globalfn = function() t:method() end
globalfn()
print(debug.getinfo(0, "n").name, debug.getinfo(0, "S").what)
print(debug.getinfo(100))
print(pcall(debug.getinfo, 1, "q"))
print(pcall(debug.getinfo, {}))
print(pcall(debug.getinfo))
local f = function() return debug.getinfo(1, "n") end
local r = f()
print(r.name, r.namewhat)
