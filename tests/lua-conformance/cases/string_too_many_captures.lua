local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
local p = string.rep("()", 32)
show(select("#", string.match("x", p)))
try(string.match, "x", string.rep("()", 33))
try(string.gsub, "x", string.rep("(x?)", 33), "")
