-- each pcall/xpcall is one "C" level in lua5.1: nested pcalls stop at the same depth
local function f(n)
  local ok, r = pcall(f, n + 1)
  if not ok then return n end
  return r
end
print("pcall depth", f(0))

local depth = 0
local function g(n)
  depth = n
  local ok, e = xpcall(function() return g(n + 1) end, function(m) return m end)
  return ok, e
end
g(0)
print("xpcall depth", depth)

-- the levels are given back after errors are caught
for i = 1, 500 do pcall(error, "x") end
print("after caught errors", f(0))

-- the innermost pcall's message comes back out through all the others
local function h(n)
  local _, e = pcall(h, n + 1)
  return e
end
print("deepest message", h(0))
