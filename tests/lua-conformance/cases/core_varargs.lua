local function f(...) return select('#', ...), ... end
print(f())
print(f(nil))
print(f(1, nil, 3))
print(f(nil, nil))
local function g(...) local a, b = ...; return a, b end
print(g(1), g(1, 2, 3))
local function h(...) return {...} end
print(#h(1, 2, 3))
print(select(-1, 1, 2, 3), select(2, "a", "b", "c"))
print(pcall(select, 0, 1))
local function count(...) return select('#', ...) end
print(count(f(1, 2)))
local function pass(...) return ... end
print(pass(1, 2, 3), pass())
local function old(...) return arg and arg.n end
print(old(1, 2))
