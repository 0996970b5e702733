local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
local s = "hello world"
show(s:sub(1, 5), s:sub(7), s:sub(-5), s:sub(-5, -2), s:sub(3, 3))
show(s:sub(0), s:sub(5, 2), s:sub(100), s:sub(-100, 3), s:sub(2, 100))
show(s:sub(-100, -100), s:sub(0, 0), s:sub(1, 0), s:sub(11, 11), s:sub(12))
