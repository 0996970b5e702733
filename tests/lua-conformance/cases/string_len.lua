local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.len(""), string.len("abc"), string.len("a\0b"), ("xyz"):len(), #"\255\0")
show(string.len(123), string.len(1.5))
try(string.len)
try(string.len, {})
