local function iter(t)
  local i = 0
  return function() i = i + 1; if t[i] then return i, t[i] end end
end
local acc = {}
for i, v in iter({"a", "b", "c"}) do acc[#acc + 1] = function() return i .. v end end
for _, f in ipairs(acc) do io.write(f(), " ") end print()
