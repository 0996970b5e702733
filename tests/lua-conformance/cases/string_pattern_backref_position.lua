-- A back-reference to a position capture never matches: lua5.1 compares the capture's length
-- (CAP_POSITION, -2) with the remaining source as a size_t, which is huge.
local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = tostring(t[i]) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
try(string.match, "aa", "()%1")
try(string.match, "aa", "()a%1")
try(string.find, "aa", "()%1?")
try(string.find, "aa", "()%1*a")
try(string.gsub, "abab", "()%1", "x")
try(string.gsub, "abab", "()a%1?", "<%1>")
