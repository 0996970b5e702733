local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show("a" < "b", "abc" < "abd", "" < "a", "a\0b" < "a\0c", "Z" < "a", "\255" > "a", "a" <= "a")
show(("abc"):rep(2) == "abcabc", string.format("%s", "x") == "x")
