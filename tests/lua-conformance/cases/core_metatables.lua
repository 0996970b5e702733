local mt = {}
mt.__index = function(t, k) return k .. "!" end
local t = setmetatable({}, mt)
print(t.foo, t[1], rawget(t, "foo"))
local base = {greet = function(self) return "hi " .. self.name end}
local obj = setmetatable({name = "bob"}, {__index = base})
print(obj:greet())
local log = {}
local proxy = setmetatable({}, {__newindex = function(t, k, v) rawset(t, k, v * 2) end})
proxy.a = 5
print(proxy.a)
local store = {}
local p2 = setmetatable({}, {__newindex = store})
p2.x = 1
print(rawget(p2, "x"), store.x)
print(getmetatable(obj).__index == base, getmetatable("abc").__index == string)
local protected = setmetatable({}, {__metatable = "locked"})
print(getmetatable(protected), pcall(setmetatable, protected, {}))
