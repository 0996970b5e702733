local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.gsub("hello world", "o", "0"), string.gsub("hello", "", "-"), string.gsub("abc", "%w", "%0%0"), string.gsub("abc", "(b)", "[%1]"))
show(string.gsub("hello world", "(%w+) (%w+)", "%2 %1"), string.gsub("x", "x", "%%"), string.gsub("abc", "b", "%%1"))
show(string.gsub("abc", "", ""), string.gsub("", "", "x"), string.gsub("abc", ".", {a = 1, b = true}))
