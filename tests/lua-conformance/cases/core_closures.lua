local function counter()
  local n = 0
  return function() n = n + 1; return n end
end
local c1, c2 = counter(), counter()
print(c1(), c1(), c2(), c1())
local fns = {}
for i = 1, 3 do fns[i] = function() return i end end
print(fns[1](), fns[2](), fns[3]())
local shared = {}
do
  local v = 0
  shared.get = function() return v end
  shared.set = function(x) v = x end
end
shared.set(42)
print(shared.get())
local acc = {}
local i = 1
while i <= 3 do local j = i; acc[i] = function() return j end; i = i + 1 end
print(acc[1](), acc[3]())
local function outer() local x = 1; local function mid() local function inner() x = x + 1; return x end; return inner end; return mid() end
local inc = outer()
print(inc(), inc())
