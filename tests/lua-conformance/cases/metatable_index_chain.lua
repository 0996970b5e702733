local base = {greet = function() return "hi" end}
local mid = setmetatable({}, {__index = base})
local top = setmetatable({}, {__index = mid})
print(top.greet(), rawget(top, "greet"))
local calls = 0
local lazy = setmetatable({}, {__index = function(t, k) calls = calls + 1; rawset(t, k, k .. "!"); return k .. "!" end})
print(lazy.a, lazy.a, calls)
