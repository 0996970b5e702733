-- Lookups through chains of __index tables (an object, its class, the base classes) after the
-- chain changes: a key appearing in a class between the object and where it was found, a field
-- cleared, set again, or given a new value, a base class replaced, an __index replaced by
-- another table or by a function, weak classes, and more names than a class uses.
local function class(parent)
  local c = {}
  c.__index = c
  if parent then setmetatable(c, {__index = parent}) end
  return c
end

local A = class()
local B = class(A)
local C = class(B)
local D = class(C)
function A:who() return "A.who" end
function A:base() return "A.base" end

local obj = setmetatable({}, D)
-- every check runs several times, so that the lookups it repeats take the remembered path
local function check(label, f)
  local seen
  for _ = 1, 3 do
    local r = f()
    if seen ~= nil and r ~= seen then print(label, "CHANGED BETWEEN RUNS", seen, r) end
    seen = r
  end
  print(label, seen)
end

check("deep method", function() return obj:who() end)
check("absent", function() return tostring(obj.missing) end)
check("absent with default", function() return obj.count or 0 end)

-- a key appears in a class nearer the object than where it was found
C.who = function() return "C.who" end
check("override in C", function() return obj:who() end)
B.who = function() return "B.who" end
check("override in B (C still nearer)", function() return obj:who() end)
C.who = nil
check("C's cleared, B's found", function() return obj:who() end)
B.who = nil
check("B's cleared, A's found", function() return obj:who() end)

-- a cleared key set again, in the class where it was
A.who = nil
check("A's cleared", function() return tostring(obj.who) end)
A.who = function() return "A.who again" end
check("A's set again", function() return obj:who() end)

-- a new value of the field where it was found
A.base = function() return "A.base 2" end
check("new value in A", function() return obj:base() end)

-- an absent key appears deep down
A.missing = "now in A"
check("absent then in A", function() return obj.missing end)
D.missing = "now in D"
check("then in D", function() return obj.missing end)
D.missing = nil
check("D's cleared", function() return obj.missing end)

-- the object's own field hides the chain, and clearing it shows the chain again
obj.who = function() return "obj.who" end
check("own field", function() return obj:who() end)
obj.who = nil
check("own field cleared", function() return obj:who() end)

-- a base class replaced by setmetatable, and by debug.setmetatable
local Other = class()
function Other:who() return "Other.who" end
function Other:base() return "Other.base" end
setmetatable(B, {__index = Other})
check("B's base replaced", function() return obj:who() .. " " .. obj:base() end)
debug.setmetatable(B, {__index = A})
check("B's base back to A", function() return obj:who() .. " " .. obj:base() end)
setmetatable(C, nil)
check("C has no base", function() return tostring(obj.who) .. " " .. tostring(obj.base) end)
setmetatable(C, {__index = B})
check("C's base again", function() return obj:who() end)

-- an __index field replaced by another table, by rawset, and by a function
getmetatable(C).__index = Other
check("C's __index to Other", function() return obj:who() end)
rawset(getmetatable(C), "__index", A)
check("rawset __index to A", function() return obj:who() end)
local calls = 0
getmetatable(C).__index = function(t, k) calls = calls + 1; return "function gave " .. k end
check("C's __index a function", function() return obj.who2 end)
print("function calls", calls)
getmetatable(C).__index = B
check("C's __index a table again", function() return obj:who() end)
D.__index = Other
check("D's own __index to Other", function() return obj:who() end)
D.__index = D

-- the object's metatable replaced
local E = class(A)
function E:who() return "E.who" end
setmetatable(obj, E)
check("object's class replaced", function() return obj:who() end)
setmetatable(obj, D)
check("object's class back", function() return obj:who() end)

-- two classes sharing a base, each remembering its own lookups
local X = class(A)
local Y = class(A)
function Y:who() return "Y.who" end
local x, y = setmetatable({}, X), setmetatable({}, Y)
check("siblings", function() return x:who() .. " " .. y:who() end)
X.who = function() return "X.who" end
check("siblings after X.who", function() return x:who() .. " " .. y:who() end)

-- more names than a class's lookups remember at once
local names = {}
for i = 1, 40 do
  local name = "m" .. i
  names[i] = name
  A[name] = function() return i end
end
check("forty inherited methods", function()
  local sum = 0
  for _, name in ipairs(names) do sum = sum + obj[name](obj) end
  return sum
end)
A.m7 = function() return 700 end
C.m20 = function() return 2000 end
check("two of them changed", function()
  local sum = 0
  for _, name in ipairs(names) do sum = sum + obj[name](obj) end
  return sum
end)

-- a weak class: what it holds may go, and lookups through it still see what is there
local W = class(A)
setmetatable(W, {__index = A, __mode = "v"})
W.kept = function() return "W.kept" end
local wobj = setmetatable({}, class(W))
check("through a weak class", function() return wobj:kept() .. " " .. wobj:who() end)
W.kept = nil
check("weak class cleared", function() return tostring(wobj.kept) end)

-- a chain that loops: lua5.1's error
local L1, L2 = {}, {}
L1.__index = L2
L2.__index = L1
setmetatable(L1, L2)
setmetatable(L2, L1)
local lobj = setmetatable({}, L1)
print(pcall(function() return lobj.nothing end))
