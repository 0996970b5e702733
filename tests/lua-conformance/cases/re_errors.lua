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
local function E (p, defs)
  local ok, msg = pcall(re.compile, p, defs)
  print(ok and "ok" or tostring(msg):gsub("^[^:]*:%d+: ", ""))
end
E("'a' -")
E("aaaa")
E("<a>")
E("b <- a")
E("a <- 'x' b")
E("x <- 'a'  x <- 'b'")
E("%foo")
E("[a-")
E("'abc")
E("{: 'a'")
E("'a' -> ")
E("'a' -> foo")
E("'a' => foo")
E("'a' ~> foo")
E("=")
E("'a'^x")
E("(")
E(")")
E("'a' 'b' )")
E("[]")
E("[^]")
E("{|'a'}")
E("{~'a'|}")
E("%a%")
E("'a' 'b' 'c' 'd' 'e' 'f' 'g' 'h' 'i' )")
E("a <- 'x' / ")
E("")
E(12)
E("{.} -> x", { x = 3 })
