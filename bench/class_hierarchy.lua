-- a class hierarchy as real programs build one: a class() helper, three levels of inheritance,
-- constructors that call their parent's, overridden and inherited methods, and super calls.
local function class(parent)
  local c = {}
  c.__index = c
  if parent then setmetatable(c, {__index = parent}) end
  c.super = parent
  c.new = function(...)
    local o = setmetatable({}, c)
    o:init(...)
    return o
  end
  return c
end

local Shape = class()
function Shape:init(name) self.name = name; self.moves = 0 end
function Shape:area() return 0 end
function Shape:move(dx, dy) self.x = (self.x or 0) + dx; self.y = (self.y or 0) + dy; self.moves = self.moves + 1 end
function Shape:describe() return self.name .. ":" .. self:area() end

local Polygon = class(Shape)
function Polygon:init(name, sides) Shape.init(self, name); self.sides = sides end
function Polygon:perimeter() return 0 end

local Rect = class(Polygon)
function Rect:init(w, h) Polygon.init(self, "rect", 4); self.w = w; self.h = h end
function Rect:area() return self.w * self.h end
function Rect:perimeter() return 2 * (self.w + self.h) end

local Square = class(Rect)
function Square:init(s) Rect.init(self, s, s); self.name = "square" end
function Square:perimeter() return 4 * self.w end

local Circle = class(Shape)
function Circle:init(r) Shape.init(self, "circle"); self.r = r end
function Circle:area() return 3 * self.r * self.r end
function Circle:perimeter() return 6 * self.r end

local makers = {
  function(i) return Rect.new(i % 7 + 1, i % 5 + 1) end,
  function(i) return Square.new(i % 9 + 1) end,
  function(i) return Circle.new(i % 4 + 1) end,
}
local area, perimeter, moves, described = 0, 0, 0, 0
for i = 1, 800000 do
  local s = makers[i % 3 + 1](i)
  s:move(1, 2)
  s:move(-1, 1)
  area = area + s:area()
  perimeter = perimeter + s:perimeter()
  moves = moves + s.moves + s.y
  if i % 100 == 0 then described = described + #s:describe() end
end
print(area, perimeter, moves, described)
