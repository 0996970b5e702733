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
local balanced = m.P{ "(" * ((1 - m.S"()") + m.V(1))^0 * ")" }
M(balanced, "(a(b)c)d")
M(balanced, "(a(b c)")
local equal = m.P{ "S";
  S = "a" * m.V"B" + "b" * m.V"A" + "",
  A = "a" * m.V"S" + "b" * m.V"A" * m.V"A",
  B = "b" * m.V"S" + "a" * m.V"B" * m.V"B",
} * -1
M(equal, "aabb")
M(equal, "aab")
-- an arithmetic evaluator
local V = m.V
local sp = m.S" \t"^0
local num = m.C(m.R"09"^1) * sp / tonumber
local function op (chars) return m.C(m.S(chars)) * sp end
local function fold (acc, o, v) if o == "+" then return acc + v elseif o == "-" then return acc - v elseif o == "*" then return acc * v else return acc / v end end
local calc = m.P{ "Exp",
  Exp = m.Cf(V"Term" * m.Cg(op"+-" * V"Term")^0, fold),
  Term = m.Cf(V"Factor" * m.Cg(op"*/" * V"Factor")^0, fold),
  Factor = num + "(" * sp * V"Exp" * ")" * sp,
} * -1
M(calc, "1 + 2 * 3")
M(calc, "(1 + 2) * 3 - 4 / 2")
M(calc, "2 * (3")
-- rules named by numbers, strings and other values
local key = {}
M(m.P{ [1] = m.V(2) * m.V(key), [2] = m.P"a", [key] = m.P"b" }, "ab")
M(m.P{ "start", start = m.V"x" * m.V"x", x = m.C(1) }, "xy")
-- nested grammars
M(m.P{ m.P{ "a" * m.V(1) + "" } * "b" }, "aaab")
-- tail recursion does not use the backtrack stack
M(m.P{ "a" * m.V(1) + -1 }, string.rep("a", 50000))
-- deep recursion needs a larger stack
local deep = m.P{ "(" * m.V(1)^-1 * ")" }
print(try(m.match, deep, string.rep("(", 500) .. string.rep(")", 500)))
lpeg.setmaxstack(2000)
print(try(m.match, deep, string.rep("(", 500) .. string.rep(")", 500)))
lpeg.setmaxstack(400)
-- grammar errors
print(try(m.P, { m.V(1) * "a" }))
print(try(m.P, { "x", x = m.P"a"^-1 * m.V"x" }))
print(try(m.P, { m.V"nope" }))
print(try(m.P, { "missing" }))
print(try(m.P, { "s", s = "text" }))
print(try(m.P, { m.P"a", other = 1 }))
print(try(m.P, { [print] = m.P"a" }))
print(try(m.P, { m.P"a" * m.V(2)^0, m.P"" }))
print(try(m.P, { m.V(2), m.V(2) }))
print(try(m.match, m.V"r", "x"))
print(try(m.match, m.V(1), "x"))
local rules = {}
for i = 1, 1001 do rules[i] = m.P"a" end
print(try(m.P, rules))
