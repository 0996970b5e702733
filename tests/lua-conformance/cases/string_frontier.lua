local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.find("THE (quick) fox", "%f[%a]%a+"), string.gsub("THE (quick) fox", "%f[%a]", "|"), string.gsub("hello world", "%f[%w]%w+", "W"))
show(string.find("abc", "%f[%l]"), string.find("ABC", "%f[%l]"), string.gsub("aXbXc", "%f[%u]", "^"), string.match("x  y", "%f[%S].-%f[%s]"))
try(string.find, "x", "%f")
try(string.find, "x", "%fa")
