local mt = {}
mt.__lt = function(a, b) return a.v < b.v end
mt.__le = function(a, b) return a.v <= b.v end
local function o(v) return setmetatable({v = v}, mt) end
local list = {o(3), o(1), o(2)}
table.sort(list)
print(list[1].v, list[2].v, list[3].v)
print(o(1) < o(2), o(2) <= o(2), o(3) > o(1), o(1) >= o(2))
print(pcall(function() return o(1) < 1 end))
print(pcall(function() return {} < {} end))
