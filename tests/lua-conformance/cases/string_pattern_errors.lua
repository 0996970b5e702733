local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
for _, p in ipairs{"%", "[a", "[", "[^", "(", "(()", ")", "a)", "%b", "%ba", "%f", "%g", "(%1)", "%0", "[%", "[a-%", "%1"} do show(p, pcall(string.find, "abc", p)) end
