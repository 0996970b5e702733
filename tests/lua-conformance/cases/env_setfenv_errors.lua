-- setfenv rejects C functions, bad levels and non-table environments
print(pcall(setfenv, print, {}))
print(pcall(setfenv, string.format, {}))
print(pcall(setfenv, 1, 1))
print(pcall(setfenv, function() end, nil))
print(pcall(setfenv, function() end, "env"))
print(pcall(setfenv, 50, {}))
print(pcall(setfenv, -1, {}))
print(pcall(setfenv, "f", {}))
print(pcall(setfenv))
local f = function() return 1 end
print(setfenv(f, {}) == f)
local co = coroutine.create(function() end)
print(pcall(setfenv, co, {}))
