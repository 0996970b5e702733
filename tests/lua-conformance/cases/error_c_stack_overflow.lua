-- recursion through C boundaries (metamethods, tostring) is stopped with an error
local t = setmetatable({}, {__index = function(t, k) return t[k] end})
local ok, e = pcall(function() return t.x end)
print(ok, e)
local s = setmetatable({}, {__tostring = function(x) return tostring(x) end})
ok, e = pcall(tostring, s)
print(ok, e)
local c = setmetatable({}, {__call = function(self) return (self()) end})
ok, e = pcall(c)
print(ok, e)
local function viapcall(n) local ok2, r = pcall(viapcall, n + 1); if not ok2 then return n end return r end
local n = viapcall(0)
print(n > 100)
print("still alive", pcall(function() return 1 end))
