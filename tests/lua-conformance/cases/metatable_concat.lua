local mt = {__concat = function(a, b)
  local x = type(a) == "table" and a.v or a
  local y = type(b) == "table" and b.v or b
  return x .. "+" .. y
end}
local o = setmetatable({v = "o"}, mt)
print(o .. "s", "s" .. o, o .. o, 1 .. o, "a" .. "b" .. o)
print(pcall(function() return {} .. {} end))
