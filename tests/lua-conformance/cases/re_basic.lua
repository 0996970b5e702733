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
-- the built-in re under kraken; Debian's re.lua under lua5.1 (where re is not a C module)
package.path = "/nonexistent/?.lua"
local ok, re = pcall(require, "re")
if not ok then
  package.path = "/usr/share/lua/5.1/?.lua"
  re = require "re"
end
local function R (s, p, ...) print(show(re.match(s, p, ...))) end
R("a", ".")
R("abc", "'abc'")
R("abc", '"ab"')
R("", "!.")
R("abcde", "(. .)*")
R("abbcde", "[a-c]+")
R("0zz1dda", "'0' [^a-c]+ 'a'")
R("abb\"de", '"abb"["]"de"')
R("]]-x", "[]-]+")
R("aaand", "[a]^2")
R("aaaaaa", "'a'^+3")
R("aaaaaa", "'a'^-4")
R("aaaa", "'a'^+5")
R("ab", "'a' &'b'")
R("ab", "'a' !'b'")
R("xyz", "[%w]+")
R("a1_ b", "[_%w]+")
R("  \t x", "%s* {%a}")
R("\n", "%nl")
R("ABC", "%u+ !.")
R("abc", "%U")
R("12ab", "%d+ -> 'n' %D+")
R("x", "")
-- comments and spaces
R("xy", [[
  'x'   -- the first letter
  'y'   -- the second
]])
-- grammars
R("(a(b)c)", "b <- '(' ([^()] / b)* ')'")
R("00011011", [[
  S <- "0" B / "1" A / ""
  A <- "0" S / "1" A A
  B <- "1" S / "0" B B
]])
R("aaabbb", [[
  s <- a b !.
  b <- ( x <- ('b' x)? )
  a <- ( x <- 'a' x? )
]])
print(try(re.match, "x", "<x> <- 'x'"))
R("x", "x <- <y> y <- 'x'")
-- predefined patterns from defs
local defs = { digits = lpeg.R"09", letters = lpeg.R"az" }
print(show(re.compile("%letters (%letters / %digits)*", defs):match("x123y")))
print(lpeg.type(re.compile("'a'")), re.compile(lpeg.P"a") ~= nil)
local p = lpeg.P"z"
print(re.compile(p) == p)
print(try(re.match, "1234", 12))
-- init position
R("abc", "'b'", 2)
R("abc", "'c'", -1)
