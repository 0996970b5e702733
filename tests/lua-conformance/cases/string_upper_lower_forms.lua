-- string.upper/lower on the strings a server sees: short, already in the target case, empty,
-- single bytes, bytes outside ASCII letters.
local function show(...) local t = {...} for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end print(select("#", ...), table.concat(t, " | ")) end
for _, s in ipairs{"Host", "host", "HOST", "content-length", "Content-Length", "", "a", "A", "@", "[", "`", "{",
    "\0A\0", "\192\224\255Z", "keep-alive", "Keep-Alive", "X-1_2 Z"} do
  local l, u = s:lower(), s:upper()
  show(#s, l, u, #l, #u, l == s, u == s, l:upper() == u, u:lower() == l)
end
local t = {}
t[("KEY"):lower()] = 1
show(t.key, t[("key"):lower()], ("abc"):lower() == "abc", ("Abc"):lower() .. ("Abc"):upper())
