local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.match("hello", "(l)%1"), string.match("abcabc", "(abc)%1"), string.find("xaax", "(a)%1"), string.match('say "hi" ok', "([\"'])(.-)%1"))
show(string.gsub("aa bb cd", "(%a)%1", "<%1%1>"))
try(string.match, "aa", "%1")
try(string.match, "aa", "(a)%2")
try(string.match, "aa", "(a%1)")
