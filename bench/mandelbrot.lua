-- mandelbrot: float arithmetic in tight loops, a checksum of the set's points.
local size = 1600
local iterations = 50
local inside = 0
local checksum = 0
for y = 0, size - 1 do
  local ci = 2 * y / size - 1
  for x = 0, size - 1 do
    local cr = 2 * x / size - 1.5
    local zr, zi, zr2, zi2 = 0, 0, 0, 0
    local escaped = false
    for i = 1, iterations do
      zi = 2 * zr * zi + ci
      zr = zr2 - zi2 + cr
      zr2, zi2 = zr * zr, zi * zi
      if zr2 + zi2 > 4 then escaped = true; checksum = checksum + i; break end
    end
    if not escaped then inside = inside + 1 end
  end
end
print(inside, checksum)
