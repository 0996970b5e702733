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
local l = lpeg.locale()
local names = {}
for k in pairs(l) do names[#names + 1] = k end
table.sort(names)
print(table.concat(names, " "))
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
all = table.concat(all)
for _, n in ipairs(names) do
  local members = m.match(m.Cs((l[n] + m.P(1) / "")^0), all)
  print(n, #members, (members:gsub("%c", "?")))
end
local t = {}
print(lpeg.locale(t) == t, lpeg.type(t.alpha))
print(lpeg.locale(lpeg) == lpeg, lpeg.type(lpeg.digit))
M(lpeg.alpha^1 * lpeg.space^1 * lpeg.digit^1, "abc  123")
