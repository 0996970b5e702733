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
local calls = {}
local function rec (s, i, ...) calls[#calls + 1] = i; return i, ... end
M(m.Cmt(m.C(1) * m.C(1), rec), "ab")
M(m.Cmt(m.P"ab", rec), "abc")
M(m.Cmt(m.P"ab", function (s, i) return true end) * m.Cp(), "abc")
M(m.Cmt(m.P"ab", function (s, i) return i + 1, "skipped" end) * m.Cp(), "abcd")
M(m.Cmt(m.P"ab", function () return false end) + m.Cc"other", "ab")
M(m.Cmt(m.P"ab", function () return nil, "x" end), "ab")
M(m.Cmt(m.P"a", function (s, i) return "3" end) * m.Cp(), "abc")
-- a match-time capture sees the values of groups before it
local dup = m.Cg(m.C(m.R"az"^1), "w") * " " * m.Cmt(m.C(m.R"az"^1) * m.Cb"w", function (s, i, a, b) return a == b and i end)
M(dup, "hello hello")
M(dup, "hello world")
-- functions as patterns run at match time
local seen = {}
local f = m.P(function (s, i) seen[#seen + 1] = i; return i end)
M((1 * f)^0, "abc")
print(table.concat(seen, ","))
-- runs even when the match fails later, and every time it is tried
local count = 0
local g = m.P(function () count = count + 1; return true end)
M(g * "x" + g * "y", "y")
print(count)
-- Lua long-bracket strings with a back reference check
local open = "[" * m.Cg(m.P"="^0, "eq") * "["
local close = "]" * m.C(m.P"="^0) * "]"
local longstr = open * m.C((1 - m.Cmt(close * m.Cb"eq", function (_, _, a, b) return a == b end))^0) * close / 1
M(longstr, "[==[ a ]] b ]=] ]==] rest")
-- values produced by match-time captures go into tables and strings
M(m.Ct(m.Cmt(m.C(1), function (s, i, c) return i, c, c:upper() end)^0), "ab")
M(m.Cmt(m.C(1), function (s, i, c) return i, c .. c end) / "<%1>", "z")
-- extra arguments
M(m.Cmt(m.Carg(1), function (s, i, a) return i, a * 2 end), "", 1, 21)
