local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.gsub("a1 B2_c3!", "[%a%d]", ""), string.gsub("a1 B2_c3!", "[^%a%d]", ""), string.gsub("hello world", "[%s]", "_"), string.gsub("x-y+z", "[+-]", "."))
show(string.gsub("abcxyz", "[b-dx-y]", "#"), string.gsub("ABCabc", "[A-Za]", ""), string.gsub("a]b", "[]a]", ""), string.gsub("09az", "[%x]", "h"))
