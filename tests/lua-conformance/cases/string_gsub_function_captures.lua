local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.gsub("x = 1, y = 2", "(%w+) = (%w+)", function(k, v) return v .. " = " .. k end))
show(string.gsub("abc", "(a)(b)(c)", function(...) return select("#", ...) end))
show(string.gsub("abc", "b", function(...) return select("#", ...) .. (...) end))
