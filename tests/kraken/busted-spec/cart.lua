-- A small shopping cart, the code under test of the busted specs in this folder.
local cart = {}
cart.__index = cart

function cart.new(prices, log)
  return setmetatable({ prices = prices, items = {}, log = log or function() end }, cart)
end

function cart:add(name, quantity)
  quantity = quantity or 1
  if not self.prices[name] then error("unknown item: " .. tostring(name), 2) end
  if type(quantity) ~= "number" or quantity < 1 or quantity % 1 ~= 0 then
    error("bad quantity for " .. name .. ": " .. tostring(quantity), 2)
  end
  self.items[name] = (self.items[name] or 0) + quantity
  self.log("add", name, quantity)
  return self
end

function cart:remove(name)
  local had = self.items[name]
  self.items[name] = nil
  if had then self.log("remove", name) end
  return had ~= nil
end

function cart:count()
  local n = 0
  for _, quantity in pairs(self.items) do n = n + quantity end
  return n
end

function cart:total(discount)
  local sum = 0
  for name, quantity in pairs(self.items) do sum = sum + self.prices[name] * quantity end
  if discount then sum = sum - discount(sum) end
  return sum
end

function cart:lines()
  local names = {}
  for name in pairs(self.items) do names[#names + 1] = name end
  table.sort(names)
  local lines = {}
  for i, name in ipairs(names) do lines[i] = { name = name, quantity = self.items[name] } end
  return lines
end

return cart
