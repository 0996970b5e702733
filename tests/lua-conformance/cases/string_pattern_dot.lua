local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.match("a\nb", "a.b"), string.match("\0", "."), #string.match("\255\0x", "..."), string.match("", "."), string.find("abc", ".", 3))
