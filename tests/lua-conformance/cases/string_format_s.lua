local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.format("%s", "abc"), string.format("%5s|", "ab"), string.format("%-5s|", "ab"), string.format("%.2s", "abcdef"), string.format("%5.2s|", "abcdef"))
show(string.format("%s", 12), string.format("%s", 1.5), string.format("%s", true), string.format("%s", nil), string.format("%10s|", 3.25))
local z = string.format("%s", "a\0b") show(#z, z:byte(1, -1))
local t = setmetatable({}, {__tostring = function() return "T!" end}) show(string.format("%s and %5s", t, t))
show(string.format("%s", string.rep("x", 200)):len(), string.format("%.3s", "a\0bc") == "a\0b")
