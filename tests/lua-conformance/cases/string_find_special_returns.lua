local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.find("abc", "(a)(b)(c)"), string.find("abc", "b()"), string.find("", "()"), string.find("abc", "x*", 4))
show(string.find("abc", "c", 4), string.find("abc", "", 5))
