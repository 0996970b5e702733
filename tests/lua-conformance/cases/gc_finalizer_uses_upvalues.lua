-- finalizers can read upvalues, allocate, and create new finalizable objects
local log = {}
local generation = 0
local function make(name)
  local u = newproxy(true)
  getmetatable(u).__gc = function()
    local t = {name = name, gen = generation}
    log[#log + 1] = t.name .. "@" .. t.gen
    if name == "parent" then make("child") end
  end
end
make("parent")
generation = 1
collectgarbage()
print(table.concat(log, " "))
generation = 2
collectgarbage()
print(table.concat(log, " "))
generation = 3
collectgarbage()
print(#log)
