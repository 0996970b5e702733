local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.gsub("a.b.c", "%.", "/"), string.gsub("a+b", "%+", " plus "), string.gsub("(x)", "[()]", ""), string.gsub("50%", "%%", " percent"))
show(string.gsub("a\0b\0c", "%z", "0"), string.gsub("\0\0", "\0", "z"), string.gsub("tab\there", "%c", "?"))
