local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.format("%c", 65), string.format("%c%c%c", 76, 117, 97), #string.format("%c", 0), string.format("%c", 0):byte(), string.format("%5c|", 65), string.format("%-5c|", 65))
show(string.format("%c", 256 + 65), string.format("%c", "66"))
try(string.format, "%c", "x")
