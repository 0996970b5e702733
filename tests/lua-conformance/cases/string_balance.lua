local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.match("x(a(b)c)y", "%b()"), string.match("[[x]]", "%b[]"), string.match("if (a and (b)) then", "%b()"), string.match("((", "%b()"))
show(string.gsub("f(a) g(b(c))", "%b()", "[]"), string.match("<<>>", "%b<>"), string.match("aXbYb", "%bab"))
try(string.match, "x", "%b")
try(string.match, "x", "%bx")
