local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.gsub("a1 B2_c3!", "%A", "."), string.gsub("a1 B2", "%D", ""), string.gsub("a b\tc", "%S", "x"), string.gsub("aBcD", "%L", "_"), string.gsub("aBcD", "%U", "_"))
show(string.gsub("a,b;c", "%P", ""), string.gsub("a1_ b", "%W", "#"), string.gsub("0xfg", "%X", "?"), string.gsub("a\0b", "%Z", "n"), string.gsub("a\1b", "%C", ""))
