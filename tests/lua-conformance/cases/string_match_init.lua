local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.match("hello", "l", 1), string.match("hello", "l", 4), string.match("hello", "l", 5), string.match("hello", "l", -2), string.match("hello", "l", 10))
show(string.find("hello", "l", 0), string.find("hello", "l", -100), string.find("hello", "^l", 3), string.match("hello", "^(l+)", 3))
