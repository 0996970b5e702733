-- a new closure takes the environment of the function creating it
local env = {print = print}
local maker = setfenv(function()
  return function() return who end
end, env)
env.who = "env who"
who = "global who"
local c = maker()
print(c(), getfenv(c) == env)
local c2 = (function() return function() return who end end)()
print(c2())
setfenv(c, {who = "changed"})
print(c(), maker()())
local function counter()
  local n = 0
  return function() n = n + 1; return n, tag end
end
local inc = counter()
setfenv(inc, {tag = "t"})
print(inc())
print(inc())
local inc2 = counter()
print(inc2())
