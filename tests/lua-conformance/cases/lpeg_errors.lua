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
print(try(function () return m.P"a"^0^1 end))
print(try(function () return (m.P"a"^0)^0 end))
print(try(function () return m.P""^1 end))
print(try(function () return (#m.P"a")^0 end))
print(try(function () return m.P""^-3 end))
print(try(m.B, m.P"a"^1))
print(try(m.B, m.C"a"))
print(try(m.B, 300))
print(try(m.B, m.V"x"))
print(try(m.R, "abc"))
print(try(m.R, "a"))
print(try(m.S))
print(try(m.P))
print(try(m.P, nil))
print(try(m.C, {}))
print(try(m.V))
print(try(m.Cb))
print(try(m.Carg, 0))
print(try(m.Carg, 70000))
print(try(m.Cf, m.P"a"))
print(try(m.Cf, m.P"a", 1))
print(try(m.Cmt, m.P"a", "f"))
print(try(function () return m.P"a" / true end))
print(try(function () return m.P"a" / -1 end))
print(try(function () return m.P"a" + {} end))
print(try(function () return m.P"a" * nil end))
print(try(m.setmaxstack, 0))
print(try(m.setmaxstack, "x"))
print(try(m.match, m.P"a"))
print(try(m.match, m.P"a", "a", "x"))
print(try(m.match, m.P"a", {}))
print(try(m.match, m.Cb"x", ""))
print(try(m.match, m.Cg(1, "a") * m.Cb"b", "a"))
print(try(m.match, m.C(m.Cg(m.C(1), "x")) * m.Cb"x", "ab"))
print(try(m.match, m.Cf(m.P(2), print), "ab"))
print(try(m.match, m.Cf(m.P(1) / {}, print), "ab"))
print(try(m.match, m.Carg(2), "", 1, "only one"))
print(try(m.match, m.P(1) / "%1", "a"))
print(try(m.match, m.P(1) / "%3", "a"))
print(try(m.match, m.C(m.P(1) / function () end) / "%2", "a"))
print(try(m.match, m.Cc(true) / "%1", "a"))
print(try(m.match, m.Cs(m.Cc(true)), "a"))
print(try(m.match, m.Cs(m.P(1) / function () return {} end), "a"))
print(try(m.match, m.C(1) / 2, "a"))
print(try(m.match, m.Cmt(1, function () return 10 end), "ab"))
print(try(m.match, m.Cmt(1, function () return 0 end), "ab"))
print(try(m.match, m.Cmt(1, function () return {} end), "ab"))
print(try(m.match, m.P{ "0" * m.V(1) + "0" }, string.rep("0", 1000)))
local p = m.C(1)
for _ = 1, 250 do p = m.Ct(p) end
print(try(m.match, p, "x"))
print(try(m.match, m.P(1) / error, "boom"))
