local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
for w in string.gmatch("aaa", "^a") do io.write(w, ";") end print()
for w in string.gmatch("^a^a", "^a") do io.write(w, ";") end print()
local n = 0 for w in string.gmatch("abc", "") do n = n + 1 end print(n)
for a, b in string.gmatch("xy", "(x)(z?)") do show(a, b) end
try(string.gmatch, "x")
show(string.gfind == nil, type(string.gfind))
