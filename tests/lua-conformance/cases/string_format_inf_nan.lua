local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
local inf, nan = 1/0, 0/0
for _, f in ipairs{"%f", "%e", "%g", "%E", "%G", "%5f|", "%-6g|", "%+f", "%010f", "%.3f"} do
  show(f, string.format(f, inf), string.format(f, -inf), string.format(f, nan))
end
show(string.format("%s %s", inf, -inf), string.format("%d", inf), string.format("%d", nan), string.format("%x", inf))
