x = "global"
local function show() return x end
print(show())
setfenv(show, {x = "custom"})
print(show())
print(getfenv(show).x, getfenv(print) == _G, getfenv(0) == _G, getfenv() == _G)
local function withenv()
  setfenv(1, {print = print, y = "inside"})
  print(y, x)
end
withenv()
print(x)
print(pcall(setfenv, print, {}))
local function lvl() return getfenv(1) end
print(lvl() == _G)
