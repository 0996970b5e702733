local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
try(string.gsub, "abc", "b", "%2")
try(string.gsub, "abc", "(b)", "%2")
try(string.gsub, "abc", "b")
try(string.gsub, "abc", "b", true)
try(string.gsub, "abc", "(", "x")
show(string.gsub("abc", "b", "%"))
show(string.gsub("abc", "b", "x%"))
show(string.gsub("abc", "(b)", "%1%0%a"))
show(string.gsub("abc", "b", 12))
