local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.match("aaab", "a*"), string.match("aaab", "a+"), string.match("aaab", "a-b"), string.match("aaab", "a?"), string.match("b", "a?b"))
show(string.match("<a><b>", "<.->"), string.match("<a><b>", "<.*>"), string.match("xyz", "x*"), string.match("", "a*"))
show(string.match("aaa", "^a-$"), string.match("12ab", "%d+%a+"), string.match("ab", "a+?"))
