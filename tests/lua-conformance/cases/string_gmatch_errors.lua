local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
local it = string.gmatch("abc", "[a")
try(it)
local it2 = string.gmatch("abc", "%")
try(it2)
for a in string.gmatch(12321, "2") do io.write(a) end print()
