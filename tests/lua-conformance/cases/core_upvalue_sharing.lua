local getters, setters = {}, {}
for i = 1, 3 do
  local v = i * 10
  getters[i] = function() return v end
  setters[i] = function(x) v = x end
end
setters[2](99)
print(getters[1](), getters[2](), getters[3]())
local a = 1
local function f() a = a + 1 end
f(); f()
print(a)
local function make()
  local n = 0
  local function inc() n = n + 1 end
  local function get() return n end
  return inc, get
end
local inc, get = make()
inc(); inc(); inc()
print(get())
