local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.format("%99d|", 1):len(), string.format("%.99f", 1):len(), string.format("%99.99f", 1):len(), string.format("%-99s|", "x"):len())
show(string.format("%5.1s|", "xyz"), string.format("%.0s|", "xyz"), string.format("%.s|", "xyz"), string.format("%.d|", 0), string.format("%.0d|", 0))
