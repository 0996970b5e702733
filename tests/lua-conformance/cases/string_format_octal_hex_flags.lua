local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
for _, f in ipairs{"%#o", "%#x", "%#X", "%#5x|", "%#-8o|", "%#08x", "%+x", "% x", "%#.0x", "%.0x", "%.0o", "%#.0o"} do show(f, string.format(f, 0), string.format(f, 10)) end
