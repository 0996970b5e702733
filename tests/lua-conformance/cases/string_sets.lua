local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.match("abc123", "[a-c]+"), string.match("abc123", "[^a-c]+"), string.match("a-b", "[a%-]+"), string.match("x]y", "[]]"))
show(string.match("hello", "[aeiou]"), string.match("HELLO", "[%l]"), string.match("a1_", "[%w_]+"), string.match("^x", "[%^x]+"))
show(string.match("abc", "[^]"), string.match("]", "[]]"), string.match("a-", "[a-]+"), string.match("-", "[-a]"))
show(string.match("z", "[a-]"), string.match("b", "[%a-z]"), string.match("\200", "[\128-\255]"))
