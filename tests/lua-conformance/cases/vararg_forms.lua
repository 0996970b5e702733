local function f(...)
  local a, b = ...
  return select("#", ...), a, b, ...
end
print(f())
print(f(nil, nil))
print(f(1, 2, 3))
local function g(...) local t = {...}; return #t, arg end
print(g(1, 2))
