-- getinfo sees tail calls and the main chunk
local function show(level)
  local i = debug.getinfo(level + 1, "nSl")
  return i and (tostring(i.name) .. "/" .. i.namewhat .. "/" .. i.what .. "/" .. i.currentline) or "nil"
end
local function tailcallee()
  return show(1), show(2), show(3)
end
local function tailcaller() return tailcallee() end
print(tailcaller())
local function normalcaller() local a, b, c = tailcallee(); return a, b, c end
print(normalcaller())
print(show(1))
print(show(2))
local function viapcall() return show(1), show(2) end
print(pcall(viapcall))
