local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.gsub("hello", "()(l)", "%1"), string.gsub("abc", "()", "%1"), string.gsub("abc", "(a)(b)(c)", "%3%2%1%0"))
try(string.gsub, "abc", "()", "%2")
