local function counter()
  local n = 0
  return function() n = n + 1; return n end, function() return n end
end
local inc, get = counter()
inc(); inc()
print(get())
local fs = {}
for i = 1, 3 do fs[i] = function() return i end end
print(fs[1](), fs[2](), fs[3]())
local j = 0
local gs = {}
while j < 3 do j = j + 1; local k = j; gs[j] = function() return k end end
print(gs[1](), gs[3]())
