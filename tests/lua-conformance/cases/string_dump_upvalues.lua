local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
local up = 5
local function f() return up end
local g = loadstring(string.dump(f))
try(g)
local function add(x) return x + (up or 0) end
try(loadstring(string.dump(add)), 1)
local function nested() local function inner(a) return a * 2 end return inner(21) end
show(loadstring(string.dump(nested))())
local k = loadstring(string.dump(function() return 1, nil, true, false, "s", 1.5, -0.25, 1e300 end))
show(k())
