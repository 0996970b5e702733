-- A metatable's __index is read at every method call; changing it (assignment, rawset, removal,
-- a table swapped for a function and back) must take effect at once, in loops hot enough to be compiled.
local Base = {}
function Base.name() return "base" end
local Other = {}
function Other.name() return "other" end
local mt = {__index = Base}
local obj = setmetatable({}, mt)
local out = {}
for i = 1, 300 do
  if i == 100 then mt.__index = Other end
  if i == 150 then rawset(mt, "__index", function(t, k) return function() return "fn:" .. k end end) end
  if i == 200 then mt.__index = nil end
  if i == 250 then mt.__index = Base end
  local ok, v = pcall(function() return obj:name() end)
  local key = ok and v or "error"
  out[key] = (out[key] or 0) + 1
end
for _, k in ipairs({"base", "other", "fn:name", "error"}) do print(k, out[k]) end
-- the same metatable shared by two objects, one of which is itself a metatable
local proto = {greet = function() return "hi" end}
local shared = {__index = proto}
local a = setmetatable({}, shared)
local b = setmetatable({}, shared)
local c = setmetatable({}, b) -- b is used as a metatable, but has no __index
for i = 1, 200 do
  if i == 120 then shared.__index = {greet = function() return "hello" end} end
  if i == 160 then b.__index = a end
  local ok, v = pcall(function() return a:greet(), c.greet end)
  if i % 40 == 0 then print(i, a:greet(), c.greet ~= nil) end
end
-- a weak-valued metatable keeps working
local weak = setmetatable({__index = {x = 1}}, {__mode = "v"})
local w = setmetatable({}, weak)
local sum = 0
for i = 1, 200 do sum = sum + w.x end
print("weak", sum)
