-- __gc on tables does nothing in 5.1; __gc on userdata is read from the metatable
local called = {}
local function maketable()
  setmetatable({}, {__gc = function() called[#called + 1] = "table" end})
end
maketable()
collectgarbage()
print("table finalizers", #called)
local function makeud()
  local u = newproxy(true)
  local mt = getmetatable(u)
  mt.__gc = function() called[#called + 1] = "first" end
  mt.__gc = function() called[#called + 1] = "replaced" end
end
makeud()
collectgarbage()
print(table.concat(called, " "))
local function nogc()
  local u = newproxy(true)
  getmetatable(u).__gc = "not a function"
end
nogc()
print(pcall(collectgarbage))
local plain = newproxy(false)
print(type(plain), getmetatable(plain))
