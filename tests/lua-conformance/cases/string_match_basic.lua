local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.match("hello world", "%a+"), string.match("hello world", "(%a+) (%a+)"), string.match("x=1", "()=()"))
show(string.match("abc", "d"), string.match("abc", ".-"), string.match("abc", ".*"), string.match("  trim  ", "^%s*(.-)%s*$"))
show(string.match("2024-01-15", "(%d+)-(%d+)-(%d+)"))
show(string.match("abc", "b", 3), string.match("abc", "c", -1), string.match(12345, "3(4)"))
