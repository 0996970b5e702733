local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.upper("abcXYZ09_\200\255"), string.lower("ABCxyz09\192\222"))
show(("MiXeD"):upper(), ("MiXeD"):lower(), string.upper(12), string.lower(""))
local s = string.upper("a\0b"); show(#s, s:byte(1, -1))
try(string.upper)
