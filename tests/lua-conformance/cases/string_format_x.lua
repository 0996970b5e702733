local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
for _, f in ipairs{"%x", "%X", "%#x", "%#X", "%o", "%#o", "%8x", "%-8X|", "%08x", "%.4x"} do
  show(f, string.format(f, 255), string.format(f, 0), string.format(f, 3000000000))
end
show(string.format("%x", -1), string.format("%X", -255), string.format("%o", -8), string.format("%x", 2^53), string.format("%x", 15.9))
