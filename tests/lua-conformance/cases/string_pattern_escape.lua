local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.match("a.b", "%."), string.match("a%b", "%%"), string.match("a]b", "%]"), string.match("x-y", "%-"), string.match("$5", "%$(%d)"))
show(string.match("a*", "a%*"), string.match("q?", "q%?"), string.match("^", "%^"), string.match("[x]", "%[(.)%]"))
