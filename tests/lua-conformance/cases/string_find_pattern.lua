local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
local function try(f, ...) show(pcall(f, ...)) end
show(string.find("hello 123 world", "%d+"), string.find("key = value", "(%w+)%s*=%s*(%w+)"))
show(string.find("abc", "^b"), string.find("abc", "^a"), string.find("abc", "c$"), string.find("abc", "b$"))
show(string.find("aaa", "a-", 2), string.find("  x", "^%s*"), string.find("abc", "()b()"))
show(string.find("a\0b", "\0"), string.find("a\0b", "%z"))
