-- only the fields requested by the option string are filled
local function f() end
local function keys(t)
  local k = {}
  for name in pairs(t) do k[#k + 1] = name end
  table.sort(k)
  return table.concat(k, " ")
end
for _, opt in ipairs({"n", "S", "l", "u", "f", "L", "nSl", "", "Sf", "nSlfuL"}) do
  print(string.format("%-7q", opt), keys(debug.getinfo(f, opt)))
end
for _, opt in ipairs({"n", "l", "u", "S"}) do
  print(opt, keys(debug.getinfo(1, opt)))
end
local lines = {}
for l in pairs(debug.getinfo(f, "L").activelines) do lines[#lines + 1] = l end
print(#lines, lines[1])
print(debug.getinfo(print, "L").activelines)
