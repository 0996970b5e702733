local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
try(function() return ("x"):rep("y") end)
try(function() return ("x"):sub() end)
try(function() local s = "x" return s:byte("z") end)
try(function() return string.upper({}) end)
