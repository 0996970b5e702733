local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
for _, f in ipairs{"%d", "%5d", "%-5d|", "%05d", "%+d", "% d", "%.3d", "%i", "%5.2d", "%-+6d|", "%u"} do
  show(f, string.format(f, 42), string.format(f, -42), string.format(f, 0))
end
show(string.format("%d", 3.99), string.format("%d", -3.99), string.format("%d", "10"), string.format("%d", 2^31), string.format("%d", 2^53))
show(string.format("%d", -2^63), string.format("%d", 1e100), string.format("%d", -1e100))
