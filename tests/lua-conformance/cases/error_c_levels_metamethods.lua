-- metamethods and library calls back into Lua are "C" levels: the same depths as lua5.1
local depth
local mt = {}
mt.__tostring = function(x) depth = depth + 1; return tostring(x) end
depth = 0
print(pcall(tostring, setmetatable({}, mt)))
print("__tostring depth", depth)

depth = 0
local t = setmetatable({}, {__index = function(t, k) depth = depth + 1; return t[k] end})
print(pcall(function() return t.x end))
print("__index depth", depth)

depth = 0
local function cmp(a, b)
  depth = depth + 1
  local u = {3, 1, 2}
  table.sort(u, cmp)
  return a < b
end
print(pcall(table.sort, {2, 1}, cmp))
print("sort depth", depth)

depth = 0
local a = setmetatable({}, {})
getmetatable(a).__add = function(x, y) depth = depth + 1; return x + y end
print(pcall(function() return a + 1 end))
print("__add depth", depth)
