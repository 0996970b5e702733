local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
local d = string.dump(function() return 1 end)
for _, n in ipairs{1, 2, 4, 5, 10} do show(loadstring(d:sub(1, n))) end
show(loadstring(d:sub(1, 10), "@file.lua"))
show(loadstring(d:sub(1, 10), "=name"))
local f = loadstring(string.dump(loadstring("local x; return x.field", "=src")))
try(f)
local g = loadstring(string.dump(loadstring("return 1 +", "=src")))
