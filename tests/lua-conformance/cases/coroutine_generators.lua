local function permgen(a, n)
  n = n or #a
  if n <= 1 then coroutine.yield(a) else
    for i = 1, n do
      a[n], a[i] = a[i], a[n]
      permgen(a, n - 1)
      a[n], a[i] = a[i], a[n]
    end
  end
end
local count = 0
for p in coroutine.wrap(function() permgen({1, 2, 3, 4}) end) do count = count + 1; if count <= 3 then print(table.concat(p, " ")) end end
print(count)
local function fib() local a, b = 0, 1; return coroutine.wrap(function() while true do coroutine.yield(a); a, b = b, a + b end end) end
local f = fib()
for i = 1, 10 do io.write(f(), " ") end print()
