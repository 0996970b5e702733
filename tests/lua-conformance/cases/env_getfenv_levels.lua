-- getfenv with levels 0, 1, 2 and with functions
local env = setmetatable({tag = "custom"}, {__index = _G})
local function inner()
  return getfenv(1) == env, getfenv(2) == _G, getfenv(0) == _G
end
setfenv(inner, env)
print(inner())
local function caller()
  return getfenv(2) == _G, getfenv(1) == _G
end
print(caller())
print(getfenv() == _G, getfenv(nil) == _G)
print(getfenv(inner) == env, getfenv(print) == _G)
local function sub() return getfenv(2).tag end
local wrapped = setfenv(function() return (sub()) end, env)
print(wrapped())
local tailwrapped = setfenv(function() return sub() end, env)
print(pcall(tailwrapped))
print(pcall(getfenv, 100))
print(pcall(getfenv, -1))
print(pcall(getfenv, "x"))
print(pcall(getfenv, {}))
