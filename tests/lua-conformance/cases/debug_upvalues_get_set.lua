-- getupvalue/setupvalue by index, on C functions and out of range
local a, b, c = 1, "two", nil
local function f() return a, b, c end
for i = 0, 4 do print(i, debug.getupvalue(f, i)) end
print(debug.setupvalue(f, 2, "TWO"), b)
print(debug.setupvalue(f, 3, {}) , type(c))
print(debug.setupvalue(f, 4, 1))
print(f() == 1)
local function counter()
  local n = 0
  return function() n = n + 1; return n end
end
local c1, c2 = counter(), counter()
c1(); c1()
print(debug.getupvalue(c1, 1))
print(debug.getupvalue(c2, 1))
debug.setupvalue(c2, 1, 10)
print(c2(), c1())
print(debug.getupvalue(print, 1))
print(debug.getupvalue(string.gmatch("a", "a"), 1) ~= nil)
print(pcall(debug.getupvalue, 1, 1))
print(pcall(debug.setupvalue, f, 1))
