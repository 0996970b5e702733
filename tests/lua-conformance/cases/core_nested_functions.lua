local function outer(a)
  local function middle(b)
    local function inner(c) return a + b + c end
    return inner
  end
  return middle
end
print(outer(1)(2)(3))
local function apply(f, ...) return f(...) end
print(apply(math.max, 3, 9, 2), apply(string.rep, "ab", 2))
local t = {f = function(self, x) return x * 2 end}
print(t:f(21), t.f(t, 4))
