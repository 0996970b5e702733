local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
local s = string.rep("a", 50000)
show(#string.match(s, ".-$"), #string.match(s, "a*"), #(string.gsub(s, "a", "b")), string.find(s, "b"))
show(#string.match(s, "(a+)"), select(2, string.gsub(s, "a-", "")), #string.match(s .. "b", "^(a-)b"))
