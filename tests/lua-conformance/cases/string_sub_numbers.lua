local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.sub(12345, 2, 3), string.sub("abc", "2"), string.sub("abcdef", 2.7, 4.9), string.sub("abcdef", -2.5))
try(string.sub, "abc")
try(string.sub, "abc", "x")
try(string.sub, nil, 1)
