-- math.random and math.randomseed: the same sequences as lua5.1 on Linux (glibc's rand and srand),
-- unseeded and for several seeds (zero, negative, beyond 2^31), scaled to ranges as lmathlib does.
print(math.random(), math.random(100), math.random(-5, 5))
for _, s in ipairs{0, 1, 42, -7, 2^31, 2^32 + 5, 123456789, -2^31} do
  math.randomseed(s)
  local t = {}
  for i = 1, 5 do t[i] = math.random(1000) end
  print(s, table.concat(t, " "), math.random(), math.random(3, 9))
end
math.randomseed(9)
local sum = 0
for i = 1, 100000 do sum = sum + math.random(-2147483647, 2147483647) end
print(sum)
print(pcall(math.random, 0), pcall(math.random, 5, 4), pcall(math.random, 1, 2, 3))
