local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.find("abcabc", "b", "3"), string.find("abcabc", "b", 2.9))
try(string.find, "abc", "b", "x")
try(string.find, "abc")
try(string.find, nil, "a")
