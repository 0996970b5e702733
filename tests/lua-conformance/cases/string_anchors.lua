local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.match("abc", "^abc$"), string.match("abcd", "^abc$"), string.match("a^b", "a^b"), string.match("a$b", "a$b"))
show(string.find("xabc", "^abc"), string.find("abc$", "c$"), string.gsub("aaa", "^a", "x"))
show(string.match("abc", "^"), string.match("abc", "$"), string.find("abc", "$"))
