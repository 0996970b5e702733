local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.byte("ABC"), string.byte("ABC", 2), string.byte("ABC", -1), string.byte("ABC", 1, 3), string.byte("ABC", 1, -1))
show(string.byte("ABC", 0), string.byte("ABC", 4), string.byte("ABC", 3, 2), string.byte(""), string.byte("\255\0\128", 1, 3))
show(string.byte("ABC", -10, 10))
show(("x"):byte())
try(string.byte, "a", "b")
