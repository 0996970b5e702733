local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.reverse("abc"), string.reverse(""), string.reverse("a\0b"):byte(1, -1))
show(("hello"):reverse(), string.reverse(123))
try(string.reverse)
