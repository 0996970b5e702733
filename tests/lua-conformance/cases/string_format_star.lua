local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
try(string.format, "%*d", 5, 1)
try(string.format, "%n", 1)
try(string.format, "%p", 1)
try(string.format, "%a", 1)
try(string.format, "%hd", 1)
