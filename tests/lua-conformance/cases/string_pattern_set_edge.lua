local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.match("-", "[%-]"), string.match("a", "[a-]"), string.match("]", "[^]]"), string.match("a", "[^]]"), string.match("%", "[%%]"))
try(string.match, "x", "[a-")
try(string.match, "x", "[%")
try(string.match, "x", "[^")
try(string.match, "x", "[]")
