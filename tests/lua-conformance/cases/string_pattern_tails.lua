-- Patterns that end in "$" or "X*$" after a repetition (optionally after the repetition's ")"):
-- the matcher resolves these tails without retrying them at every byte. Results, captures and
-- errors must be lua5.1's.
local function show(...)
  local t = {...}
  for i = 1, select("#", ...) do t[i] = (tostring(t[i]):gsub("%z", "<NUL>"):gsub("\t", "<TAB>")) end
  print(select("#", ...), table.concat(t, " | "))
end
local function try(f, ...) show(pcall(f, ...)) end

local header = "^([^:]+):%s*(.-)%s*$"
for _, line in ipairs{"Host: 127.0.0.1:18501", "Host:127.0.0.1", "Host:", "Host:   ", "Host:  a  b  ",
    "X-Empty: \t \t", ": value", "no colon here", "", "   ", "\t", "Name:\tv\t", "A: b\0c  ", "A: \0 "} do
  show(line:match(header))
end
show(("GET / HTTP/1.1"):match("^(%u+) (%S+) HTTP/(%d%.%d)$"))
show(("GET /x HTTP/1.1 "):match("^(%u+) (%S+) HTTP/(%d%.%d)$"))

-- "-" then "$" / "X*$", with and without a capture, anchored and not
for _, p in ipairs{".-$", "(.-)$", ".-%s*$", "(.-)%s*$", "a.-%s*$", "(a.-)%s*$", "[^x]-%s*$", "([^x]-)%s*$",
    "(.-)[ \t]*$", "(.-)[%s]*$", "(.-)%S*$", "(.-)x*$", "(.-)%%*$", "()(.-)()%s*$", "(.-)%s*$()",
    "^(.*)%s*$", "(.*)$", ".*$", "(%S*)%s*$", "(%S+)%s*$", "^(%a+)%s*$", "(x+)$", "(%s*)$", "%s*$", "(%s-)$"} do
  for _, s in ipairs{"", " ", "   ", "a", "a ", " a ", "ab  \t", "xa  ", "ax  ", "a x ", "abc", "  abc", "x", "%%", "a%%"} do
    io.write(string.format("%-14s %-10q ", p, s))
    show(s:match(p))
  end
end

-- find (positions and captures), with init
show(("key:  value   "):find("(.-)%s*$"))
show(("key:  value   "):find(":%s*(.-)%s*$"))
show(("key:  value   "):find("(.-)%s*$", 5))
show(("key:  value   "):find("(.-)%s*$", -3))
show(("key:  value   "):find("%s*$"))
show(("abc"):find("b-$"))
show(("abc"):find("[^b]-$"))
show(("abb"):find("[^a]-$"))

-- gsub and gmatch use the same machinery
show(("a b  c   "):gsub("(.-)%s*$", "[%1]"))
show(("a b  c   "):gsub("%s*$", "|"))
show(("a b  c   "):gsub("(%S-)%s*$", "<%1>"))
show(("  "):gsub(".-$", "#"))
show((""):gsub("(.-)%s*$", "[%1]"))
show(("x y z  "):gsub("^(.-)%s*$", "%1!"))
for k, v in ("a b  c   "):gmatch("(%S*)(%s*)$") do show(k, v) end
for w in ("one two  "):gmatch("(.-)%s*$") do show(w) end

-- the tail's ")" must close the right capture, or fail as lua5.1 does
try(string.match, "abc  ", "(a(.-))%s*$")
try(string.match, "abc  ", "((.-))%s*$")
try(string.match, "abc  ", ".-)%s*$")
try(string.match, "abc  ", "(.-))%s*$")
try(string.match, "abc  ", "a*)$")
try(string.match, "abc  ", "(()(.-)())%s*$")
-- malformed parts are reported only when matching reaches them
try(string.match, "abc", "x[")
try(string.match, "abc", "a[")
try(string.match, "abc", "(.-)%")
try(string.match, "abc", "(.-)[a*$")
