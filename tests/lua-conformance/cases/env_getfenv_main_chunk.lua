-- the main chunk and its functions run with _G; _G itself is just a field
print(getfenv(1) == _G, getfenv(0) == _G)
local realG = _G
_G = {}
print(getfenv(1) == realG, type(print))
_G = realG
local function f() return getfenv(1) end
print(f() == _G)
local env = {}
env._G = env
local g = setfenv(function() return _G end, env)
print(g() == env)
setfenv(1, setmetatable({}, {__index = realG}))
newvar = "in main env"
print(rawget(realG, "newvar"), newvar)
print(getfenv(1) ~= realG)
