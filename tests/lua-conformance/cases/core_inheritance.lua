local Animal = {}
Animal.__index = Animal
function Animal.new(name) local self = setmetatable({}, Animal); self.name = name; return self end
function Animal:speak() return self.name .. " makes a sound" end
local Dog = setmetatable({}, {__index = Animal})
Dog.__index = Dog
function Dog.new(name) local self = Animal.new(name); return setmetatable(self, Dog) end
function Dog:speak() return self.name .. " barks" end
local a, d = Animal.new("cat"), Dog.new("rex")
print(a:speak(), d:speak(), Animal.speak(d))
print(getmetatable(d) == Dog, rawget(Dog, "speak") ~= nil)
