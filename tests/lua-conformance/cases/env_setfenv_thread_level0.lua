-- setfenv(0, t) changes the thread's environment, seen by new loadstring chunks
local saved = _G
local newenv = setmetatable({marker = "new"}, {__index = _G})
local r = setfenv(0, newenv)
print(r == nil, type(r))
print(getfenv(0) == newenv)
local chunk = loadstring("return marker")
print(chunk())
print(marker)
setfenv(0, saved)
print(getfenv(0) == _G)
local co = coroutine.create(function()
  setfenv(0, {})
  return getfenv(0) == _G
end)
print(coroutine.resume(co))
print(getfenv(0) == _G)
