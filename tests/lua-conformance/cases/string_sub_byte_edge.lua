local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
local s = "abc"
for i = -4, 4 do io.write(tostring(s:sub(i)), ",", tostring(s:sub(1, i)), ",", tostring(s:byte(i)), " ") end print()
show(s:sub(2^31), s:sub(-2^31), s:sub(1, 2^31), s:byte(-2^31, 2^31))
