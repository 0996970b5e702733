local seen = {}
local t = setmetatable({}, {__index = function(tbl, key) seen[#seen + 1] = type(tbl) .. ":" .. tostring(key); return nil end})
local _ = t.a, t[1], t[true]
print(table.concat(seen, " "))
local s = setmetatable({}, {__index = string})
print(s.format("%d", 5))
