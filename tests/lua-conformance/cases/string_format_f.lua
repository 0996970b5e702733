local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
for _, f in ipairs{"%f", "%.2f", "%10.3f", "%-10.1f|", "%+.1f", "% .0f", "%#.0f", "%.0f", "%010.2f", "%.10f"} do
  show(f, string.format(f, 3.14159), string.format(f, -2.5), string.format(f, 0.5), string.format(f, 1e15))
end
show(string.format("%.0f", 0.5), string.format("%.0f", 1.5), string.format("%.0f", 2.5), string.format("%.2f", 1.005), string.format("%f", 1e300):len())
