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
M(m.C(m.P"a"^1), "aaab")
M(m.C(m.C"a" * m.C"b"), "abc")
M(m.C(1)^0, "xyz")
M(m.Cc(1, "two", nil) * m.Cp(), "a")
M(m.Cc(), "a")
M(m.Cp() * "ab" * m.Cp(), "abc")
M(m.Carg(1) * m.Carg(2), "", 1, "x", 42)
M(m.Ct(m.C(1)^0), "abc")
M(m.Ct(m.Cg(m.C(1), "first") * m.C(1)^0), "abc")
M(m.Ct(m.Cg(m.Cc(1, 2), "k") * m.Cg(m.Cc(3))), "")
M(m.Ct(""), "x")
M(m.Cg(m.C(1) * m.C(1)), "ab")
M(m.Cg(1), "ab")
M(m.Cg(m.C(1), "n") * m.Cb("n"), "ab")
M(m.Cg(m.C(1), "n") * m.Cg(m.C(1), "n") * m.Cb("n"), "ab")
M(m.Cg(m.C(1) * m.C(1), "n") * m.Ct(m.Cb("n")), "ab")
M(m.Cs((m.P"a" / "A" + 1)^0), "banana")
M(m.Cs((m.C(1) / {a = "1", n = 2})^0), "banana")
M(m.Cs(m.C(1) * m.Cg(m.C(1), "x")), "ab")
M(m.Cs(""), "abc")
M(m.P"abc" / "%0-%0", "abc")
M((m.C(1) * m.C(1)) / "%2%1%%", "ab")
M(m.C(m.C(1) * m.C(1)) / "[%1|%2|%3]", "ab")
M((m.Cc("x") * m.Cc(7)) / "%1%2", "")
print(try(m.match, m.Cc("x", 7) / "%1%2", ""))
M(m.C(1)^0 / 2, "abc")
M(m.C(1)^0 / 0, "abc")
M(m.P(1) / 1, "a")
M(m.C(1) / {a = "A"}, "a")
M(m.C(1) / {a = "A"}, "b")
M(m.C(1) / setmetatable({}, { __index = function (_, k) return k:upper() end }), "q")
M(m.C(1)^0 / function (...) return select("#", ...), ... end, "abc")
M(m.P"ab" / function (s) return s .. "!" end, "abc")
M(m.P"ab" / function () end, "abc")
M(m.Cf(m.C(1) * m.C(1)^0, function (a, b) return a .. "+" .. b end), "abcd")
M(m.Cf(m.Cc(0) * (m.R"09"^1 / tonumber * m.P","^-1)^0, function (a, b) return a + b end), "10,20,3")
M(m.Cf(m.Ct(true) * m.Cg(m.C(m.R"az"^1) * "=" * m.C(m.R"az"^1) * m.P";"^-1)^0, rawset), "a=b;c=d")
-- nested tables and groups
M(m.Ct(m.Ct(m.C(1) * m.C(1)) * m.Ct(m.C(1))), "abc")
M(m.Ct((m.Cg(m.C(m.R"az"^1) * "=" * m.C(m.R"09"^1)) * m.P","^-1)^0), "a=1,b=2")
-- captures inside predicates are discarded
M(#m.C(1) * m.C(1), "ab")
M(-m.C"x" * m.C(1), "ab")
-- captures in a failed alternative are discarded
M(m.C"a" * "x" + m.C"ab", "ab")
-- positions and large captures
M(m.Ct((m.Cp() * m.P"a")^0), string.rep("a", 20))
local t = m.match(m.Ct(m.C(1)^0), string.rep("z", 20000))
print(#t, t[1], t[20000])
print(#m.match(m.C(m.P(300)), string.rep("x", 400)))
-- named groups with number names and positional values at the same key: the later one wins
M(m.Ct(m.Cg(m.C(1), 1) * m.C(1)), "ab")
M(m.Ct(m.C(1) * m.Cg(m.C(1), 1)), "ab")
M(m.Ct(m.C(1) * m.Cg(m.C(1), 2) * m.C(1)), "abc")
