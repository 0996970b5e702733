local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.match("hello world", "((%a+) (%a+))"), string.match("abc", "()"), string.match("abc", "(a)(b)(c)"))
show(string.match("abc", "a()b()c"), string.find("abc", "(b)"), string.match("aXb", "a(.)b"))
show(string.match("abc", "(a*(.)%w(%s*))"))
