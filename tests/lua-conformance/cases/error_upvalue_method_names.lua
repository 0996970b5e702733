-- error messages mention upvalues and methods by name
local config
local obj = {}
local counter = 0
local function useconfig() return config.value end
local function callmethod() return obj:missing(1) end
local function bump() counter = counter + nil end
local function upcall() return config() end
local function upconcat() return "x" .. config end
print(pcall(useconfig))
print(pcall(callmethod))
print(pcall(bump))
print(pcall(upcall))
print(pcall(upconcat))
local str = "text"
print(pcall(function() return str:nosuch() end))
print(pcall(function() return str.len.x end))
print(pcall(function() return obj.child:method() end))
