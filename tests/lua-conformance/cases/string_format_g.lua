local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
for _, f in ipairs{"%g", "%G", "%.3g", "%10g", "%-10g|", "%+g", "%#g", "%.0g", "%#.3g", "%.14g", "%.20g"} do
  show(f, string.format(f, 100000), string.format(f, 1e6), string.format(f, 0.0001), string.format(f, 0.00001), string.format(f, 123.456), string.format(f, 0))
end
show(string.format("%g", 1e-300), string.format("%g", 2^63), string.format("%g", -0.0), string.format("%.3g", 0.0001234))
