local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
for _, f in ipairs{"%e", "%E", "%.2e", "%10.3e", "%-12.1e|", "%+e", "% e", "%#.0e", "%.0e", "%012.3e"} do
  show(f, string.format(f, 12345.678), string.format(f, -0.00012), string.format(f, 0))
end
