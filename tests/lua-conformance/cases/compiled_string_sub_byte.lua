-- s:sub and s:byte from code hot enough to be compiled, where a string and numbers take a short
-- path: every kind of position, result counts, and the calls that must go the ordinary way.
local s = "hello\0world"
local positions = {1, 2, 0, -1, -3, -11, -12, -100, 11, 12, 100, 2.7, -2.7, 0/0, 1/0, -1/0, 2^53, -2^63, "3", "-2"}
local out = {}
for round = 1, 60 do
  for i, p in ipairs(positions) do
    local a = s:sub(p)
    local b = s:sub(2, p)
    local c = s:sub(p, -2)
    local n = select("#", s:byte(p))
    local d = s:byte(p)
    local e, f = s:byte(p)
    local t = {s:byte(p)}
    if round == 60 then
      out[#out + 1] = table.concat({i, tostring(p), (a:gsub("%z", "0")), (b:gsub("%z", "0")), (c:gsub("%z", "0")),
        n, tostring(d), tostring(e), tostring(f), #t}, " ")
    end
  end
end
for _, line in ipairs(out) do print(line) end
for round = 1, 60 do
  local r = {("" ):byte(), ("x"):byte(), ("abc"):byte(), (""):sub(1), (""):sub(0, 0), ("abc"):sub(3, 2), ("abc"):sub(-1)}
  if round == 60 then print(r[1], r[2], r[3], r[4], r[5], r[6], r[7]) end
end
-- the ordinary path: several bytes, numbers as subjects, wrong types, missing arguments
for round = 1, 60 do
  local ok1, v1 = pcall(string.sub, 12345, 2, 3)
  local ok2, v2 = pcall(string.sub, "abc")
  local ok3, v3 = pcall(string.sub, "abc", {})
  local ok4, v4 = pcall(string.byte, {}, 1)
  local ok5, v5 = pcall(string.sub, "abc", 1, nil)
  local a, b, c = s:byte(1, 3)
  local x, y = ("abc"):byte(-2, -1)
  if round == 60 then
    print(ok1, v1, ok2, v2, ok3, v3)
    print(ok4, v4, ok5, v5)
    print(a, b, c, x, y)
  end
end
