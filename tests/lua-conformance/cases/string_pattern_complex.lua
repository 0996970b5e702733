local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
local line = 'name="value" other = "x y" z="" '
for k, v in line:gmatch('(%w+)%s*=%s*"([^"]*)"') do io.write(k, ":", v, ";") end print()
show(("2001:db8::1"):gsub("[^:]", ""), ("The quick brown fox"):gsub("(%w+)", "<%1>"))
show(string.match("  foo.bar.baz  ", "^%s*([%w%.]-)%s*$"), string.match("f(a,b)", "^(%w+)(%b())$"))
show(string.match("192.168.1.254", "^(%d+)%.(%d+)%.(%d+)%.(%d+)$"))
