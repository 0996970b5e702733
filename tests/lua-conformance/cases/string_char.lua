local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.char(72, 105), string.char(), #string.char(0, 0), string.char(255):byte(), string.char("65", 66.7))
try(string.char, 256)
try(string.char, -1)
try(string.char, 65, "x")
try(string.char, 65, nil)
