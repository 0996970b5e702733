local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
local function f(a, b) return a + b, a .. b end
local d = string.dump(f)
show(type(d), d:sub(1, 4) == "\27Lua")
local g = loadstring(d)
show(g(1, 2))
show(pcall(string.dump, print), pcall(string.dump, 1))
try(string.dump)
local h = loadstring(string.dump(function(...) local t = {...} return select("#", ...), t[2] end))
show(h(10, 20, 30))
