local t = {10, 20, 30, nil, 50}
for i, v in ipairs(t) do io.write(i, "=", v, " ") end print()
local keys = {}
for k in pairs({a = 1, b = 2, c = 3}) do keys[#keys + 1] = k end
table.sort(keys)
print(table.concat(keys, ","))
local function range(n)
  local i = 0
  return function() i = i + 1; if i <= n then return i end end
end
for v in range(4) do io.write(v, " ") end print()
local function iter(s, c) if c < s then return c + 1, c * c end end
for a, b in iter, 3, 0 do io.write(a, ":", b, " ") end print()
for k, v in next, {"x"} do print(k, v) end
