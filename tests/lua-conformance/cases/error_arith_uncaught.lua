local t = {}
local x = t.count + 1
