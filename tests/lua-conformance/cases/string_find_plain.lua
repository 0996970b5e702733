local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.find("hello world", "o w"), string.find("hello", "l"), string.find("hello", "xyz"))
show(string.find("a.b", ".", 1, true), string.find("a+b", "+", 1, true), string.find("a(b", "(", 1, true))
show(string.find("abc", ""), string.find("abc", "", 10), string.find("abc", "", 4), string.find("", ""))
show(string.find("abcabc", "bc", 3), string.find("abcabc", "bc", -2), string.find("abcabc", "bc", -100))
