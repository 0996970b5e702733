-- Closure-heavy loop: creating closures, calling them, shared upvalues.
local function make_counter()
  local count = 0
  return function(step) count = count + step; return count end
end
local total = 0
for i = 1, 1500000 do
  local c = make_counter()
  for j = 1, 10 do total = total + c(j) end
end
local function compose(f, g) return function(x) return f(g(x)) end end
local inc = function(x) return x + 1 end
local dbl = function(x) return x * 2 end
local h = compose(inc, dbl)
for i = 1, 8000000 do total = total + h(i) % 3 end
print(total)
