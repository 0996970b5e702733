-- Unanchored searches skip the positions whose byte cannot start a match (when the pattern
-- starts with a class that must match once). Results must be lua5.1's.
local function show(...)
  local t = {...}
  for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>")) end
  print(select("#", ...), table.concat(t, " | "))
end
local function try(f, ...) show(pcall(f, ...)) end
local s = "Host: 127.0.0.1:18501"
for _, p in ipairs{"%d+", "%d", "[0-9]+", "[^%a: ]+", "1", "1+", "%.", ":%s*", ":(%d+)$", "%d+$", "5.-$",
    "%a*", "%d?", "%d-", "x", "%u%l+", "()%d", "(%d+)", "%f[%d]%d+", "%b::", "$", "^%d", ".", "[.]", "%z"} do
  show(p, s:find(p), s:find(p, 8), s:find(p, -4), s:find(p, 100), s:match(p))
end
-- gmatch: "^" is an ordinary byte there
for _, p in ipairs{"%d+", "[^.]+", "^%d", "[%d.]+", "%a", "0", "%d*"} do
  local r = {}
  for a in ("127.0.0.1 ^1 0x"):gmatch(p) do r[#r + 1] = a end
  show(p, #r, table.concat(r, ","))
end
show(("a,b,,c"):gsub("[^,]+", "<%0>"))
show((""):find("%d"), (""):match("a"), ("\0\0a"):find("%z"), ("\0\0a"):find("a"))
show(("\200\201x"):find("[\200-\255]+"), ("\200\201x"):find("%W+"))
try(string.find, "abc", "[a")
try(string.find, "xyz", "[a")
try(string.find, "abc", "%")
