local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.gsub("abc", "^", "x"), string.gsub("abc", "$", "x"), string.gsub("abc", "^$", "x"), string.gsub("", "^$", "x"))
show(string.gsub("a b c", "%s*", "_"), string.gsub("abc", "b*", "-"), string.gsub("hello", "l*", "L"))
