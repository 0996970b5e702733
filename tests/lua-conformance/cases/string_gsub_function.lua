local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.gsub("hello world", "%w+", function(w) return w:upper() end))
show(string.gsub("a1b2", "%d", function(d) return d * 2 end))
show(string.gsub("abc", "%w", function() end), string.gsub("abc", "%w", function() return false end))
show(string.gsub("k=v", "(%w)=(%w)", function(a, b) return b .. "=" .. a end))
show(string.gsub("abc", "()", function(p) return p end))
try(string.gsub, "abc", "%w", function() return {} end)
try(string.gsub, "abc", "%w", function() error("boom") end)
