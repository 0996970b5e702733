local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
for w in string.gmatch("one two three", "%a+") do io.write(w, ";") end print()
for k, v in string.gmatch("a=1, b=2, c=3", "(%w+)=(%w+)") do io.write(k, "->", v, " ") end print()
for p in string.gmatch("abc", "()") do io.write(p, " ") end print()
for x in ("a,b,,c"):gmatch("([^,]*)") do io.write("[", x, "]") end print()
local it = string.gmatch("ab", ".") show(it(), it(), it(), it())
