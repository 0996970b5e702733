local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
for _, a in ipairs{{"%d", "x"}, {"%d"}, {"%s"}, {"%y", 1}, {"%", 1}, {"%10.", 1}, {"%123d", 1}, {"%1.123f", 1}, {"%------d", 1}, {"%-----d", 1}, {"%#++d", 1}, {"%00000d", 1}, {"%99d", 1}, {"%.99f", 1}, {"%100d", 1}, {"%f", {}}, {"%x", true}, {"%c"}, {"%q"}, {"%s %s", 1}, {"%e", "1e2"}, {"%z", 1}, {"%ld", 1}} do
  show(a[1], pcall(string.format, unpack(a)))
end
try(string.format)
try(string.format, {})
