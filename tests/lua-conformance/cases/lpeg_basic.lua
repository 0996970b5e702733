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
print(lpeg.version(), lpeg.type(m.P"a"), lpeg.type("a"), lpeg.type(nil))
-- strings, numbers, booleans
M(m.P"abc", "abcd")
M(m.P"abc", "abd")
M(m.P"", "x")
M(m.P(3), "abcd")
M(m.P(5), "abcd")
M(m.P(0), "")
M(m.P(-2), "a")
M(m.P(-2), "ab")
M(m.P(true), "x")
M(m.P(false), "x")
M("a" * m.P(-1), "a")
M(m.P"\0b", "\0bc")
-- sets and ranges
M(m.S"abc"^1, "cabbagex")
M(m.R("az", "09")^1, "az09Q")
M(m.R()^0, "a")
M(m.S""^0, "a")
M(m.S"\0\255"^1, "\0\255\0x")
-- operators
M(m.P"a" + "b", "b")
M(m.P"ab" + "a", "ac")
M(m.P"a" * "b", "ab")
M(m.R"az"^1 - "for", "foreach")
M(m.R"az"^1 - (m.P"for" * -1), "foreach")
M(-m.P"a" * 1, "b")
M(-m.P"a" * 1, "a")
M(#m.P"a" * 1, "a")
M(#m.P"a", "b")
M(m.P"a"^0, "aaab")
M(m.P"a"^2, "ab")
M(m.P"a"^2, "aaab")
M(m.P"a"^-2, "aaab")
M(m.P"ab"^-1 * "c", "c")
M((m.P"ab" + "cd")^0, "abcdabx")
M((m.P"x" + m.S"ab")^1, "xabxc")
M(m.P(1) - m.S"ab", "c")
M(m.P(1) - m.S"ab", "a")
M(1 - m.R"09", "5")
-- look-behind
M(m.B"a", "a")
M(1 * m.B"a", "a")
M(2 * m.B(m.P"b" + "c"), "ab")
M(3 * -m.B"b", "abc")
-- init positions
M(m.P"b", "abc", 2)
M(m.P"c", "abc", -1)
M(m.P"abc", "abc", -10)
M(m.P"", "abc", 10)
M(m.P(1), "abc", 0)
M(m.P(1), "", 1)
-- method form
print(show((m.P"a" * m.P"b"):match("abc")))
print(show(m.P"a":match("xa", 2)))
-- the pattern metatable
local mt = getmetatable(m.P(1))
print(mt.__index == lpeg, type(mt.__add), type(mt.__len))
print(m.P(m.P"x") ~= nil, lpeg.type(m.P(m.P"x")))
local p = m.P"x"
print(m.P(p) == p)
-- long strings and repetitions
local s = string.rep("ab", 5000)
M((m.P"ab")^0, s)
M(m.P"a"^1, string.rep("a", 100000))
M(m.S"ab"^0 * -1, s)
-- search with a grammar
local function anywhere (p) return m.P{ p + 1 * m.V(1) } end
M(anywhere(m.P"needle" * m.Cp()), "hay hay needle hay")
