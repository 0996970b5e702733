local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
local t = {name = "Lua", version = 5.1}
show(string.gsub("$name $version $other", "%$(%w+)", t))
show(string.gsub("abc", "%w", {a = "A", c = false}))
local mt = setmetatable({}, {__index = function(_, k) return k:upper() end})
show(string.gsub("abc", ".", mt))
try(string.gsub, "abc", "%w", {a = {}})
show(string.gsub("key", "(k)(e)", {k = "K"}))
