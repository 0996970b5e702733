local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.match("abcd", "((a)(b)((c)(d)))"))
show(string.gsub("abcd", "((a)(b))", "%2%1%3"))
try(string.match, "abc", "((a)")
try(string.match, "abc", "(a))")
