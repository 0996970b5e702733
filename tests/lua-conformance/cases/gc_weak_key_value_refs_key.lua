-- 5.1 weak-key tables are not ephemerons: a value referring to its key keeps the entry
local function count(t) local n = 0 for _ in pairs(t) do n = n + 1 end return n end
local wk = setmetatable({}, {__mode = "k"})
local function fill()
  local k = {}
  wk[k] = {ref = k}
  local k2 = {}
  wk[k2] = "plain"
  local k3 = {}
  wk[k3] = function() return k3 end
end
fill()
collectgarbage()
collectgarbage()
print("entries", count(wk))
local kinds = {}
for k, v in pairs(wk) do kinds[#kinds + 1] = type(v) end
table.sort(kinds)
print(table.concat(kinds, " "))
