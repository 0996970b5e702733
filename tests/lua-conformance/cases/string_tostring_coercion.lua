local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(("10") + 5, "3" * "4", 10 .. 20, string.len(1e15), string.upper(1e100), string.rep(1, 3))
show(string.find(123456, 34), string.gsub(1234, 3, 9), string.format("%s|%d", "5", "6"))
