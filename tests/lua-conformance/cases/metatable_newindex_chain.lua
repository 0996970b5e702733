local log = {}
local base = setmetatable({}, {__newindex = function(t, k, v) log[#log + 1] = k; rawset(t, k, v) end})
local derived = setmetatable({}, {__newindex = base})
derived.a = 1
derived.b = 2
print(rawget(derived, "a"), base.a, base.b, table.concat(log, ","))
local ro = setmetatable({}, {__newindex = function(t, k) error("read-only: " .. k, 2) end})
print(pcall(function() ro.x = 1 end))
local existing = setmetatable({x = 1}, {__newindex = function() error("never") end})
existing.x = 2
print(existing.x)
