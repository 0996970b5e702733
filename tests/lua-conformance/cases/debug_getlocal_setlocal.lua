-- getlocal/setlocal by level and index, temporaries and invalid levels
local function f(a, b, ...)
  local c = a + b
  do local inner = "scoped" end
  local d = "dee"
  for i = 1, 10 do
    local name, val = debug.getlocal(1, i)
    if not name then print("end at", i) break end
    print(i, name, type(val) == "table" and "table" or val)
  end
  print(debug.setlocal(1, 3, 100), c)
  print(debug.setlocal(1, 20, 1))
  local n2, v2 = debug.getlocal(2, 1)
  print(n2, type(v2))
  return c
end
local outerlocal = "outer"
print(f(1, 2, "extra1", "extra2"))
print(pcall(debug.getlocal, 50, 1))
print(pcall(debug.setlocal, 50, 1, 1))
print(pcall(debug.getlocal, 1))
print(debug.getlocal(1, 0))
print(debug.getlocal(1, -1))
print(pcall(debug.getlocal, print, 1))
local function g()
  local x = 1
  debug.setlocal(2, 1, "changed by callee")
end
g()
print(outerlocal)
