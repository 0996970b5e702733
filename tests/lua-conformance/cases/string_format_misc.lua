local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.format("%%"), string.format("a%%b%%"), string.format("no args"), string.format("%5%"), string.format(""))
show(string.format("%d %s %q", 1, "two", "3"), string.format("%3d|%-3d|%03d", 1, 2, 3))
show(string.format(12), string.format("%s", "x", "extra"))
show(string.format("%-#10x|", 255), string.format("%#5o|", 8), string.format("%+.3e", 1))
