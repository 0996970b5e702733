-- Objects made as setmetatable({}, Class) and then given their fields start with the hash part
-- their class's last object grew to: whatever their size, they hold, iterate, lose and regain
-- fields as any table does (keys are sorted before printing: the order of pairs is not Lua's to
-- promise).
local function sortedKeys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = tostring(k) end
  table.sort(keys)
  return table.concat(keys, ",")
end

local Point = {}
Point.__index = Point
function Point.new(x, y)
  local p = setmetatable({}, Point)
  p.x, p.y = x, y
  return p
end
function Point:len2() return self.x * self.x + self.y * self.y end

local Big = {}
Big.__index = Big
function Big.new(n)
  local b = setmetatable({}, Big)
  for i = 1, n do b["f" .. i] = i end
  return b
end

-- many objects of one class: the later ones start sized like the earlier ones
local sum = 0
for i = 1, 2000 do sum = sum + Point.new(i, -i):len2() end
print("points", sum)
local p = Point.new(3, 4)
print("fields", sortedKeys(p), p:len2())

-- objects that differ in size, one after the other, and one far bigger than an object
for _, n in ipairs({1, 5, 30, 2, 17, 0, 200, 3}) do
  local b = Big.new(n)
  local count = 0
  for k, v in pairs(b) do count = count + 1; assert(b[k] == v) end
  print("big", n, count, b.f1, b["f" .. n], #b)
end

-- fields cleared during a traversal, then given again
local q = Point.new(1, 2)
q.z, q.w = 3, 4
for k in pairs(q) do q[k] = nil end
print("cleared", sortedKeys(q), next(q))
q.y, q.x = 20, 10
print("again", sortedKeys(q), q:len2())

-- an object with an array part as well
local r = setmetatable({}, Point)
for i = 1, 10 do r[i] = i * i end
r.x, r.y = 1, 1
print("array", #r, r[10], sortedKeys(r))

-- a table that already has fields keeps them when it gets the metatable
local s = {a = 1, b = 2}
setmetatable(s, Big)
s.c = 3
print("kept", sortedKeys(s))

-- rawset, rawget and next on a fresh object
local u = setmetatable({}, Point)
rawset(u, "x", 5)
print("raw", rawget(u, "x"), rawget(u, "y"), next(u))

-- a weak-keyed table of the same metatable's kind
local W = {__mode = "k"}
local w = setmetatable({}, W)
for i = 1, 5 do w[{}] = i end
collectgarbage()
collectgarbage()
print("weak", next(w) == nil)
