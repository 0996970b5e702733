local lpeg = require "lpeg"
local m = lpeg
local function ser (v, depth)
  depth = depth or 0
  local t = type(v)
  if t == "string" then return string.format("%q", v)
  elseif t == "table" then
    if depth > 4 then return "{...}" end
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = k end
    table.sort(keys, function (a, b)
      if type(a) == type(b) and (type(a) == "number" or type(a) == "string") then return a < b end
      return type(a) < type(b)
    end)
    local parts = {}
    for _, k in ipairs(keys) do parts[#parts + 1] = "[" .. ser(k, depth + 1) .. "]=" .. ser(v[k], depth + 1) end
    return "{" .. table.concat(parts, ", ") .. "}"
  elseif t == "userdata" then return lpeg.type(v) or "userdata"
  elseif t == "function" then return "function"
  else return tostring(v) end
end
local function show (...)
  local n = select("#", ...)
  local out = {}
  for i = 1, n do out[i] = ser((select(i, ...))) end
  return n .. ": " .. table.concat(out, ", ")
end
local function try (f, ...)
  local r = { pcall(f, ...) }
  if r[1] then return "ok " .. show(unpack(r, 2, table.maxn(r))) end
  return "error: " .. tostring(r[2]):gsub("^[^:]*:%d+: ", "")
end
local function M (p, s, ...) print(show(lpeg.match(p, s, ...))) end
-- Debian's re.lua (lua-lpeg installs it) running on the built-in lpeg under kraken
package.path = "/usr/share/lua/5.1/?.lua"
local re = require "re"
print(debug.getinfo(re.compile, "S").source)
local function R (s, p, ...) print(show(re.match(s, p, ...))) end
R("abc", "{.} {.}")
R("abc", "{} . {} . {}")
R("hello world", "{%a+} ' ' {%a+}")
R("0123456789", "{| {.}* |}")
R("a=1,b=2", "{| ({:k: [a-z] :} '=' {[0-9]} ','?)* |}")
R("1234", "{| {:a:.:} {:b:.:} {:c:.{.}:} |}")
R("12345", "{| {:.:} {:b:{.}{.}:} {:{.}{.}:} |}")
R("01234567890123456789", "({....}{...}) -> '%2%1'")
R("abcdef", "( {.} {.} {.} ) -> 2")
R("abcdef", "( {:x: . :} {.} {.} ) -> 0")
R("abcdef", "{.} -> {}")
R("aloalo", "{~ (('al' -> 'AL') / .)* ~}")
R("hello", "{~ (. -> '%0%0')* ~}")
print(show(re.compile("{[0-9.]+} -> tonum", { tonum = tonumber }):match("2.5")))
print(show(re.compile("({[a-z]} -> up)*", { up = string.upper }):match("abc")))
print(show(re.compile("({[a-z]} -> t)*", { t = { a = 1, c = 3 } }):match("abc")))
print(show(re.compile("S <- (number (%s+ number)*) ~> add number <- {%d+} -> tonumber",
  { tonumber = tonumber, add = function (a, b) return a + b end }):match("3 40 500")))
local function pos (s, i, c) return i, c:upper() end
print(show(re.compile("{.} => pos", { pos = pos }):match("q")))
-- back references
R("abcabc", "{:x: ... :} =x")
R("abcabd", "{:x: ... :} =x")
local long = re.compile[[
  longstring <- '[' {:init: '='* :} '[' close
  close <- ']' =init ']' / . close
]]
print(show(long:match("[==[a]]=]]==]rest")))
-- tags on tables
local tagged = re.compile([[
  list <- {| {:tag: '' -> 'list' :} (item ' '*)* |}
  item <- {| {:tag: '' -> 'id' :} {[a-z]+} |}
]])
print(show(tagged:match("hi hello bye")))
-- the CSV record from the manual
local record = re.compile[[
  record <- {| field (',' field)* |} (%nl / !.)
  field <- escaped / nonescaped
  nonescaped <- { [^,"%nl]* }
  escaped <- '"' {~ ([^"] / '""' -> '"')* ~} '"'
]]
print(show(record:match('a,"b ""q"", c",,d')))
print(show(re.find("the number 423 is odd", "[0-9]+")))
print(show(re.find("the number 423 is odd", "[0-9]+", 14)))
print(show(re.find("no digits", "[0-9]+")))
print(show(re.find("alo", "{.}{'o'}")))
print(show(re.find("hi alalo", "{:x:..:} =x")))
print(show(re.find("", "!.")))
print(show(re.find("abc", "'c'", -1)))
print(show(re.gsub("alo alo", "[abc]", "x")))
print(show(re.gsub("alo alo", "%w+", ".")))
print(show(re.gsub("hi, how are you", "[aeiou]", string.upper)))
print(show(re.gsub("abc", "{.}", "<%1>")))
print(show(re.gsub("abc", ".", { a = 1, b = true and "B" })))
print(show(re.gsub("abc", "'x'", "y")))
print(show(re.match("the number 423 is odd", "({%a+} / .)*")))
print(show(re.match("the number 423 is odd", "s <- {%d+} / . s")))
-- the same pattern text twice (cached) and compiled patterns as arguments
print(show(re.match("aa", "'a'*"), re.match("aaa", "'a'*")))
local cp = re.compile("[a-z]+")
print(show(re.find("12 ab", cp)), show(re.gsub("ab cd", cp, "W")))
re.updatelocale()
print(show(re.match("abc", "%a+")))
