-- object-oriented code: classes with metatables, __index chains, method calls, inheritance.
local Point = {}
Point.__index = Point
function Point.new(x, y) return setmetatable({x = x, y = y}, Point) end
function Point:add(o) return Point.new(self.x + o.x, self.y + o.y) end
function Point:length2() return self.x * self.x + self.y * self.y end

local Particle = setmetatable({}, {__index = Point})
Particle.__index = Particle
function Particle.new(x, y, mass)
  local p = Point.new(x, y)
  p.mass = mass
  return setmetatable(p, Particle)
end
function Particle:momentum() return self:length2() * self.mass end

local acc = Point.new(0, 0)
local total = 0
for i = 1, 2000000 do
  local p = Particle.new(i % 10, i % 7, 2)
  acc = acc:add(p)
  total = total + p:momentum()
end
print(acc.x, acc.y, total)
