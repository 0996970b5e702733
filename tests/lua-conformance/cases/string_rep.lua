local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.rep("ab", 3), string.rep("x", 0), string.rep("x", -1), string.rep("", 100), string.rep("a\0", 2) == "a\0a\0")
show(string.rep(5, 3), string.rep("-", 2.9))
try(string.rep, "x")
try(string.rep)
