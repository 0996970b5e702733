local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.gsub("aaaa", "a", "b", 2), string.gsub("aaaa", "a", "b", 0), string.gsub("aaaa", "a", "b", -1), string.gsub("aaaa", "a", "b", 10))
show(string.gsub("abc", "", "-", 2), string.gsub("aaa", "^a", "b"), string.gsub("aaa", "a$", "b"), string.gsub("a a a", "a", "b", 2.9))
