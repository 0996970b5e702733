-- finalizers of userdata collected in one cycle run in reverse order of creation
local log = {}
local function make(name)
  local u = newproxy(true)
  getmetatable(u).__gc = function(self) log[#log + 1] = name end
  return u
end
local function makeall()
  for i = 1, 5 do make("u" .. i) end
end
makeall()
collectgarbage()
print(table.concat(log, " "))
log = {}
local keep = make("kept")
local function more() make("a"); make("b") end
more()
collectgarbage()
print(table.concat(log, " "))
keep = nil
collectgarbage()
print(table.concat(log, " "))
