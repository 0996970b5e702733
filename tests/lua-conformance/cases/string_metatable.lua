local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(("x"):upper(), ("%d"):format(5), ("abc"):len(), (("a,b"):gsub(",", ";")))
local mt = getmetatable("")
show(type(mt), mt.__index == string, rawequal(getmetatable("a"), getmetatable("b")))
local s = "abc"
show(type(s.len), s.upper == string.upper)
try(function() return ("x"):nosuch() end)
string.twice = function(s) return s .. s end
show(("ab"):twice())
