math.randomseed(42)
local ok = true
for i = 1, 1000 do
  local a = math.random()
  local b = math.random(10)
  local c = math.random(-5, 5)
  if a < 0 or a >= 1 or b < 1 or b > 10 or b ~= math.floor(b) or c < -5 or c > 5 then ok = false end
end
print(ok)
print(math.random(3, 3), math.random(1))
