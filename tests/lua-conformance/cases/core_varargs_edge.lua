local function f(...) local t = {...}; return #t, select('#', ...) end
print(f(nil, nil, nil))
local function g(a, ...) return a, select('#', ...) end
print(g(), g(1), g(1, 2))
local function h(...) return ..., "last" end
print(h(1, 2))
local function k(...) local a, b, c = ..., "x"; return a, b, c end
print(k(1, 2, 3))
print(select('#', (f(1, 2))))
print(math.max(unpack({5, 1, 9})))
