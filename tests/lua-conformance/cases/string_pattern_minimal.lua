local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.match("aaa", "a-"), string.match("aaa", "a-a"), string.match("aaab", "a-b"), string.match("/*x*/ /*y*/", "/%*.-%*/"))
show(string.match("abc", "(.-)c"), string.match("abc", ".-$"), string.find("aXbXc", ".-X"), string.match("", ".-"))
