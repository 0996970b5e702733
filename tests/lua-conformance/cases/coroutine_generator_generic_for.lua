-- coroutines as generators in generic for
local function range(n, step)
  return coroutine.wrap(function()
    for i = 1, n, step or 1 do coroutine.yield(i) end
  end)
end
for i in range(10, 3) do io.write(i, " ") end print()
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
local function permutations(a)
  return coroutine.wrap(function() permgen(a) end)
end
for p in permutations({"a", "b", "c"}) do print(table.concat(p, "")) end
local function pairsgen(t)
  return coroutine.wrap(function()
    for i = 1, #t do coroutine.yield(i, t[i], i * i) end
  end)
end
for i, v, sq in pairsgen({"x", "y", "z"}) do print(i, v, sq) end
local function words(s)
  return coroutine.wrap(function() for w in s:gmatch("%a+") do coroutine.yield(w:upper()) end end)
end
for w in words("one two, three") do print(w) end
